namespace Verigate.Core.Audit;

/// <summary>A security-relevant state change. Never carries a code, secret, password or full destination.</summary>
public sealed record AuditEvent(
    DateTimeOffset At,
    string Type,
    long? UserId = null,
    string? ChallengeId = null,
    string? Actor = null,
    string? ClientIp = null,
    string? Detail = null);
