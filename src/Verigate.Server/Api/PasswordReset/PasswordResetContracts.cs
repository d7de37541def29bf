namespace Verigate.Server.Api.PasswordReset;

public sealed record StartPasswordResetRequest(string? Login);

public sealed record PasswordResetStartedResponse(string ChallengeId, string Channel, string To);

public sealed record CompletePasswordResetRequest(string? Code, string? NewPassword, string? Totp, string? RecoveryCode);
