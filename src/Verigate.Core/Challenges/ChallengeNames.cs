namespace Verigate.Core.Challenges;

/// <summary>Stable names of purposes and statuses, for storage and the wire.</summary>
public static class ChallengeNames
{
    public static string ToName(this ChallengePurpose purpose) => purpose switch
    {
        ChallengePurpose.SignUp => "sign_up",
        ChallengePurpose.NewDeviceLogin => "new_device",
        ChallengePurpose.PasswordReset => "password_reset",
        ChallengePurpose.ContactChange => "contact_change",
        ChallengePurpose.StepUp => "step_up",
        ChallengePurpose.VerifyApi => "verify_api",
        ChallengePurpose.SecondFactorLogin => "two_factor",
        ChallengePurpose.AccountRecovery => "account_recovery",
        _ => throw new ArgumentOutOfRangeException(nameof(purpose)),
    };

    public static ChallengePurpose ParsePurpose(string name) => name switch
    {
        "sign_up" => ChallengePurpose.SignUp,
        "new_device" => ChallengePurpose.NewDeviceLogin,
        "password_reset" => ChallengePurpose.PasswordReset,
        "contact_change" => ChallengePurpose.ContactChange,
        "step_up" => ChallengePurpose.StepUp,
        "verify_api" => ChallengePurpose.VerifyApi,
        "two_factor" => ChallengePurpose.SecondFactorLogin,
        "account_recovery" => ChallengePurpose.AccountRecovery,
        _ => throw new FormatException($"Unknown challenge purpose '{name}'."),
    };

    public static string ToName(this ChallengeStatus status) => status switch
    {
        ChallengeStatus.Pending => "pending",
        ChallengeStatus.Approved => "approved",
        ChallengeStatus.Canceled => "canceled",
        ChallengeStatus.Expired => "expired",
        ChallengeStatus.MaxAttemptsReached => "max_attempts_reached",
        ChallengeStatus.Reported => "reported",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>The status as the API shows it: a reported challenge is simply canceled to clients.</summary>
    public static string ToWireName(this ChallengeStatus status) =>
        status == ChallengeStatus.Reported ? "canceled" : status.ToName();

    public static ChallengeStatus ParseStatus(string name) => name switch
    {
        "pending" => ChallengeStatus.Pending,
        "approved" => ChallengeStatus.Approved,
        "canceled" => ChallengeStatus.Canceled,
        "expired" => ChallengeStatus.Expired,
        "max_attempts_reached" => ChallengeStatus.MaxAttemptsReached,
        "reported" => ChallengeStatus.Reported,
        _ => throw new FormatException($"Unknown challenge status '{name}'."),
    };
}
