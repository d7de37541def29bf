namespace Verigate.Core.SignIn;

/// <summary>
/// What the client presented: the password and remembered device's token when signing in, or the answer to the
/// sign-in challenge when completing it. Each method reads only its own part and ignores the rest.
/// </summary>
public sealed record SignInProof(string? Password = null, string? DeviceToken = null, SignInAnswer? Answer = null);
