
namespace Verigate.Core.SignUp;

/// <summary>A new account: handle, password, and at least one contact to send the first code to.</summary>
public sealed record SignUpRequest(string Username, string Password, string? Email, string? Phone, string Locale = "en", string? DeviceName = null);
