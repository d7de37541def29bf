namespace Verigate.Core.Sessions;

/// <summary>A signed-in session, found by the hash of its bearer token.</summary>
public sealed record UserSession(
    string SessionId,
    byte[] TokenHash,
    long UserId,
    long DeviceId,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt = null,
    DateTimeOffset? LastSeenAt = null)
{
    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;

    /// <summary>Active, and used within <paramref name="idleTimeout"/>: an idle session ends server-side.</summary>
    public bool IsActiveAt(DateTimeOffset now, TimeSpan idleTimeout) => IsActiveAt(now) && now - (LastSeenAt ?? CreatedAt) < idleTimeout;
}
