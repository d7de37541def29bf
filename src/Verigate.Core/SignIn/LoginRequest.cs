namespace Verigate.Core.SignIn;

/// <summary>A sign-in: login (username, email or phone), password, and the device's token if it is trusted.</summary>
public sealed record LoginRequest(string Login, string Password, string? DeviceToken = null, string? DeviceName = null);
