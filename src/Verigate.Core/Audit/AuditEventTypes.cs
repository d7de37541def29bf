namespace Verigate.Core.Audit;

/// <summary>The audit event types written today.</summary>
public static class AuditEventTypes
{
    public const string ChallengeIssued = "challenge.issued";
    public const string ChallengeResent = "challenge.resent";
    public const string ChallengeCheckFailed = "challenge.check_failed";
    public const string ChallengeApproved = "challenge.approved";
    public const string ChallengeExhausted = "challenge.max_attempts_reached";
    public const string ChallengeCanceled = "challenge.canceled";
    public const string ChallengeReported = "challenge.reported";
    public const string CodeEntryLocked = "account.code_entry_locked";
    public const string AccountCreated = "account.created";
    public const string UsernameChanged = "account.username_changed";
    public const string ContactVerified = "contact.verified";
    public const string LoginFailed = "login.failed";
    public const string SessionCreated = "session.created";
    public const string DeviceTrusted = "device.trusted";
    public const string PasswordReset = "password.reset";
    public const string Reauthenticated = "session.reauthenticated";
    public const string TotpEnrolmentStarted = "totp.enrolment_started";
    public const string TotpEnabled = "totp.enabled";
    public const string TotpDisabled = "totp.disabled";
    public const string RecoveryCodesGenerated = "recovery_codes.generated";
    public const string RecoveryCodeUsed = "recovery_codes.used";
    public const string SecondFactorFailed = "second_factor.failed";
    public const string PasskeyAdded = "passkey.added";
    public const string PasskeyRemoved = "passkey.removed";
    public const string AccountRecoveryRequested = "account_recovery.requested";
    public const string AccountRecoveryCanceled = "account_recovery.canceled";
    public const string AccountRecoveryCompleted = "account_recovery.completed";
    public const string ActionLinkIssued = "action_link.issued";
    public const string ActionLinkUsed = "action_link.used";
    public const string ApiKeyCreated = "api_key.created";
    public const string ApiKeyRevoked = "api_key.revoked";
    public const string SessionRevoked = "session.revoked";
    public const string SessionSignedOut = "session.signed_out";
    public const string OtherSessionsRevoked = "session.others_revoked";
    public const string DeviceForgotten = "device.forgotten";
    public const string AccountSecured = "account.secured";
    public const string SupportPinCreated = "support_pin.created";
    public const string SupportPinChecked = "support_pin.checked";
    public const string ContactChangeRequested = "contact.change_requested";
    public const string ContactChanged = "contact.changed";
    public const string ContactRemoved = "contact.removed";
    public const string ContactChangeUndone = "contact.change_undone";

    // Support console: staff accounts and their sessions (Actor is the staff member, StaffMember.Actor).
    public const string StaffCreated = "staff.created";
    public const string StaffSetupRenewed = "staff.setup_renewed";
    public const string StaffSetUp = "staff.set_up";
    public const string StaffDisabled = "staff.disabled";
    public const string StaffSignedIn = "staff.signed_in";
    public const string StaffSignInFailed = "staff.sign_in_failed";
    public const string StaffSignedOut = "staff.signed_out";
    public const string SupportAccountViewed = "support.account_viewed";
    public const string SupportCallerVerified = "support.caller_verified";
    public const string SupportActionTaken = "support.action";
}
