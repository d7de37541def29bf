namespace Verigate.Core;

/// <summary>What we know of the caller's client: its IP (for limits and audit) and its user agent (for messages).</summary>
public sealed record ClientContext(string? Ip, string? UserAgent = null)
{
    public static readonly ClientContext None = new(Ip: null);
}
