namespace Verigate.Core.Devices;

/// <summary>A device an account signed in from: public id, and the hash of its secret token once trusted.</summary>
public sealed record Device(
    long DeviceId,
    long UserId,
    string Name,
    byte[]? TokenHash,
    bool Trusted,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt);
