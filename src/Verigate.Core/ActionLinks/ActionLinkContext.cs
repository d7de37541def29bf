namespace Verigate.Core.ActionLinks;

/// <summary>The request that pressed the button: the server's time and the client's address, for the audit trail.</summary>
public sealed record ActionLinkContext(DateTimeOffset Now, string? ClientIp);
