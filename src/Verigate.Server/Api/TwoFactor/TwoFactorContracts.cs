namespace Verigate.Server.Api.TwoFactor;

public sealed record ReauthenticateRequest(string? Password, string? Totp, string? RecoveryCode);

public sealed record ReauthenticatedResponse(DateTime FreshUntil);

public sealed record TotpEnrolmentResponse(string Secret, string OtpauthUri, string QrSvg);

public sealed record ConfirmTotpRequest(string? Code);

public sealed record DisableTotpRequest(string? Totp, string? RecoveryCode);

public sealed record RecoveryCodesResponse(IReadOnlyList<string> RecoveryCodes);
