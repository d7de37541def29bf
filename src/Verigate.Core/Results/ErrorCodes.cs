namespace Verigate.Core.Results;

/// <summary>The stable error codes of the API contract (shared/api.md); clients switch on these.</summary>
public static class ErrorCodes
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidDestination = "invalid_destination";
    public const string ChannelUnavailable = "channel_unavailable";
    public const string DestinationBlocked = "destination_blocked";
    public const string WebhookNotFound = "webhook_not_found";
    public const string WebhookUrlInsecure = "webhook_url_insecure";
    public const string WebhookUrlForbidden = "webhook_url_forbidden";
    public const string WebhookUrlUnresolvable = "webhook_url_unresolvable";
    public const string RateLimited = "rate_limited";
    public const string Unauthorized = "unauthorized";
    public const string ResendTooSoon = "resend_too_soon";
    public const string TooManySends = "too_many_sends";
    public const string CodeIncorrect = "code_incorrect";
    public const string TooManyAttempts = "too_many_attempts";
    public const string VerificationNotFound = "verification_not_found";
    public const string UsernameTaken = "username_taken";
    public const string InvalidUsername = "invalid_username";
    public const string WeakPassword = "weak_password";
    public const string InvalidCredentials = "invalid_credentials";
    public const string UserNotFound = "user_not_found";
    public const string ContactTaken = "contact_taken";
    public const string IdempotencyKeyReused = "idempotency_key_reused";
    public const string IdempotencyKeyInUse = "idempotency_key_in_use";
    public const string NotFound = "not_found";
    public const string InternalError = "internal_error";

    /// <summary>The store is out of reach for now (its connections all busy, or the database not answering): try again shortly.</summary>
    public const string Unavailable = "unavailable";
    public const string ReauthenticationRequired = "reauthentication_required";
    public const string SecondFactorRequired = "second_factor_required";
    public const string TotpAlreadyEnabled = "totp_already_enabled";
    public const string TotpNotEnrolling = "totp_not_enrolling";
    public const string TwoFactorNotEnabled = "two_factor_not_enabled";
    public const string PasskeyExists = "passkey_exists";
    public const string AccountRecoveryPending = "account_recovery_pending";
    public const string AccountRecoveryNotFound = "account_recovery_not_found";
    public const string LinkInvalid = "link_invalid";
    public const string SessionNotFound = "session_not_found";
    public const string DeviceNotFound = "device_not_found";
    public const string ContactExists = "contact_exists";
    public const string ContactNotFound = "contact_not_found";
    public const string LastContact = "last_contact";
    public const string ContactOnHold = "contact_on_hold";

    // Support console.
    public const string InvalidStaffName = "invalid_staff_name";
    public const string StaffNameTaken = "staff_name_taken";
    public const string StaffNotFound = "staff_not_found";
    public const string SupportPinIncorrect = "support_pin_incorrect";
    public const string SupportReasonRequired = "support_reason_required";
    public const string SupportCallerNotVerified = "support_caller_not_verified";
    public const string SignInLocked = "sign_in_locked";
}
