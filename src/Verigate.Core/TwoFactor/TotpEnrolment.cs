namespace Verigate.Core.TwoFactor;

/// <summary>A started authenticator-app enrolment: the secret as base32 and the otpauth:// URI, shown this once.</summary>
public sealed record TotpEnrolment(string Secret, string OtpauthUri);
