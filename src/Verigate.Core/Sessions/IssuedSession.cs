namespace Verigate.Core.Sessions;

/// <summary>A session just created: its bearer token, and the device token when the device became trusted. Shown once.</summary>
public sealed record IssuedSession(string SessionToken, long UserId, long DeviceId, string? DeviceToken);
