using System.Reflection;

namespace Verigate.Core.Webhooks;

/// <summary>
/// The event types delivered to webhook endpoints (the contract: docs/api.md, "Webhooks"). Adding a type is one
/// constant here: <see cref="All"/> (what endpoints may subscribe to) is read from the constants.
/// </summary>
public static class WebhookEventTypes
{
    public const string VerificationPending = "verification.pending";
    public const string VerificationApproved = "verification.approved";
    public const string VerificationCanceled = "verification.canceled";
    public const string VerificationExpired = "verification.expired";
    public const string VerificationMaxAttemptsReached = "verification.max_attempts_reached";
    public const string DeliveryDelivered = "delivery.delivered";
    public const string DeliveryFailed = "delivery.failed";
    public const string AccountCreated = "account.created";
    public const string PasswordChanged = "account.password_changed";
    public const string NewDeviceSignIn = "account.new_device_sign_in";
    public const string CodeReported = "account.code_reported";
    public const string SecondFactorChanged = "second_factor.changed";
    public const string AccountRecoveryRequested = "account.recovery_requested";
    public const string AccountRecoveryCanceled = "account.recovery_canceled";
    public const string AccountRecoveryCompleted = "account.recovery_completed";
    public const string FraudPrefixBlocked = "fraud.prefix_blocked";
    public const string BudgetSpent = "budget.spent";
    public const string SessionsRevoked = "account.sessions_revoked";
    public const string DeviceForgotten = "account.device_forgotten";
    public const string ContactChanged = "contact.changed";
    public const string AccountSecured = "account.secured";

    public static readonly IReadOnlySet<string> All = typeof(WebhookEventTypes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);
}
