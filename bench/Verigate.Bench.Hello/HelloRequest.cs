namespace Verigate.Bench.Hello;

/// <summary>The body the load driver posts.</summary>
public sealed record HelloRequest(string? Name);
