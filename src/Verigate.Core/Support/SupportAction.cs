namespace Verigate.Core.Support;

/// <summary>What an agent may do for a verified caller (or an admin with a reason). Wire names are stable: they are in the audit trail.</summary>
public enum SupportAction
{
    ResendCode,
    CancelCode,
    StartPasswordReset,
    SignOutEverywhere,
    ForgetDevices,
    LockSignIn,
    UnlockSignIn,
    StartAccountRecovery,
    CancelAccountRecovery,
}

/// <summary>The actions' wire names (<c>resend_code</c>, …), as forms post them and the audit trail records them.</summary>
public static class SupportActions
{
    public static readonly IReadOnlyDictionary<SupportAction, string> Wire = new Dictionary<SupportAction, string>
    {
        [SupportAction.ResendCode] = "resend_code",
        [SupportAction.CancelCode] = "cancel_code",
        [SupportAction.StartPasswordReset] = "password_reset",
        [SupportAction.SignOutEverywhere] = "sign_out_everywhere",
        [SupportAction.ForgetDevices] = "forget_devices",
        [SupportAction.LockSignIn] = "lock_sign_in",
        [SupportAction.UnlockSignIn] = "unlock_sign_in",
        [SupportAction.StartAccountRecovery] = "start_account_recovery",
        [SupportAction.CancelAccountRecovery] = "cancel_account_recovery",
    };

    public static string ToWire(this SupportAction action) => Wire[action];

    public static SupportAction? Parse(string? wire) => Wire.FirstOrDefault(p => p.Value == wire) is { Value: not null } found ? found.Key : null;
}
