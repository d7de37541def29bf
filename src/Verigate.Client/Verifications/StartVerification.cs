namespace Verigate.Client.Verifications;

/// <summary>What to verify: a phone number (<c>sms</c>) or an email address (<c>email</c>).</summary>
/// <param name="To">E.164 phone number or email address.</param>
/// <param name="Channel"><c>sms</c> or <c>email</c>.</param>
/// <param name="Purpose">What the code is for, named in the message: verify, login, signup, password_reset …</param>
/// <param name="Locale">Language of the message, such as <c>de</c>.</param>
/// <param name="CodeLength">4-10 digits; the server's default when null.</param>
/// <param name="ClientIp">Your end user's IP address, for per-IP limits.</param>
public sealed record StartVerification(
    string To, string Channel, string? Purpose = null, string? Locale = null, int? CodeLength = null, string? ClientIp = null);
