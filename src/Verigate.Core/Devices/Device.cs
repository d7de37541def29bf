namespace Verigate.Core.Devices;

/// <summary>A device an account signed in from: public id, and the hash of its secret token once trusted.</summary>
public sealed record Device(
    long DeviceId,
    long UserId,
    string Name,
    byte[]? TokenHash,
    bool Trusted,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt)
{
    /// <summary>
    /// Until when its token stands for the second step (a device is trusted when it is first signed in, so the time
    /// counts from then); null when it is not remembered at <paramref name="now"/>: never trusted, forgotten, or too long ago.
    /// </summary>
    public DateTimeOffset? RememberedUntil(TimeSpan rememberFor, DateTimeOffset now) =>
        Trusted && TokenHash is not null && now < CreatedAt + rememberFor ? CreatedAt + rememberFor : null;
}
