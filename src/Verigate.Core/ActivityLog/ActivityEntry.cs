namespace Verigate.Core.ActivityLog;

/// <summary>One thing that happened to an account, in words its owner understands. Never a code or a secret.</summary>
/// <param name="Type">The stable name of what happened (<c>signed_in</c>, <c>password_changed</c> …).</param>
/// <param name="At">When it happened (the server's clock).</param>
/// <param name="DeviceName">The device it happened on, when the event names one.</param>
/// <param name="Ip">The network address the request came from, when known.</param>
/// <param name="Detail">One sentence in English saying what happened.</param>
public sealed record ActivityEntry(string Type, DateTimeOffset At, string? DeviceName, string? Ip, string Detail);
