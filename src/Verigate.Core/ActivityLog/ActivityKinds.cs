using Verigate.Core.Audit;

namespace Verigate.Core.ActivityLog;

/// <summary>
/// Which audit events a person sees in their activity, under which name and in which words: one row per event type,
/// so a new kind of event (a staff action) is one line. Internal bookkeeping (codes issued, links issued) stays out.
/// </summary>
public static class ActivityKinds
{
    public static readonly IReadOnlyDictionary<string, (string Type, string Detail)> ByAuditType = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        [AuditEventTypes.AccountCreated] = ("account_created", "Your account was created."),
        [AuditEventTypes.SessionCreated] = ("signed_in", "Someone signed in to your account."),
        [AuditEventTypes.LoginFailed] = ("sign_in_failed", "A sign-in failed: the password was wrong."),
        [AuditEventTypes.DeviceTrusted] = ("device_remembered", "A device was remembered, so it can sign in without a code."),
        [AuditEventTypes.Reauthenticated] = ("password_confirmed", "Your password was confirmed to make a change."),
        [AuditEventTypes.PasswordReset] = ("password_changed", "Your password was changed with a password reset."),
        [AuditEventTypes.UsernameChanged] = ("username_changed", "Your sign-in name was changed."),
        [AuditEventTypes.ContactVerified] = ("contact_verified", "An email address or phone number was confirmed."),
        [AuditEventTypes.TotpEnabled] = ("two_step_on", "Two-step sign-in with an authenticator app was turned on."),
        [AuditEventTypes.TotpDisabled] = ("two_step_off", "Two-step sign-in with an authenticator app was turned off."),
        [AuditEventTypes.RecoveryCodesGenerated] = ("recovery_codes_created", "A new set of recovery codes was created."),
        [AuditEventTypes.RecoveryCodeUsed] = ("recovery_code_used", "A recovery code was used."),
        [AuditEventTypes.PasskeyAdded] = ("passkey_added", "A passkey was added."),
        [AuditEventTypes.PasskeyRemoved] = ("passkey_removed", "A passkey was removed."),
        [AuditEventTypes.ChallengeReported] = ("code_reported", "A code was reported as not requested and canceled."),
        [AuditEventTypes.CodeEntryLocked] = ("code_entry_locked", "Code entry was paused after too many wrong codes."),
        [AuditEventTypes.AccountRecoveryRequested] = ("account_recovery_requested", "Someone asked to remove two-step sign-in (account recovery)."),
        [AuditEventTypes.AccountRecoveryCanceled] = ("account_recovery_canceled", "An account recovery was canceled."),
        [AuditEventTypes.AccountRecoveryCompleted] = ("account_recovery_completed", "An account recovery completed: two-step sign-in was removed."),
        [AuditEventTypes.AccountSecured] = ("account_secured", "The account was secured: everyone was signed out and the password stopped working."),
        [AuditEventTypes.SupportPinCreated] = ("support_pin_created", "A support PIN was created."),
        [AuditEventTypes.SupportPinChecked] = ("support_pin_checked", "A support agent checked a support PIN."),
        [AuditEventTypes.SupportActionTaken] = ("support_action", "A support agent made a change to your account."),
    };

    /// <summary>The audit event types shown as activity.</summary>
    public static readonly IReadOnlyCollection<string> AuditTypes = [.. ByAuditType.Keys];
}
