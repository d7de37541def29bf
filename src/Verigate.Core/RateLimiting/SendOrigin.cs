namespace Verigate.Core.RateLimiting;

/// <summary>Who caused a send, for the counters it is charged to.</summary>
public sealed record SendOrigin(long? UserId = null, string? ClientIp = null, string? ApiKeyId = null);
