namespace Verigate.Core.RateLimiting;

/// <summary>One counter to charge: its store key (such as <c>send:dest:+4915…</c>) and its limit.</summary>
public sealed record RateLimitCharge(string Key, RateLimit Limit);
