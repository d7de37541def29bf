namespace Verigate.Core.Sessions;

/// <summary>A session still in use, as its owner sees it in the list: which device, since when, last used when.</summary>
public sealed record ActiveSession(
    string SessionId,
    long DeviceId,
    string DeviceName,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt,
    bool Current);
