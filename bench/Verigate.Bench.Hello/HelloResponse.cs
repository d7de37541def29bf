namespace Verigate.Bench.Hello;

/// <summary>The small JSON object the baseline answers with.</summary>
public sealed record HelloResponse(string Message, string Name);
