using Verigate.Server.Cli;

return await VerigateCli.RunAsync(args);

/// <summary>The entry point; public so integration tests can host the real application.</summary>
public partial class Program;
