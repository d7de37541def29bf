using Verigate.Core.Outbox;
using Verigate.Core.Storage;

namespace Verigate.Core.Notices;

/// <summary>Queues security notices ("your password was changed") to every verified contact of an account.</summary>
public static class SecurityNotices
{
    public const string PasswordChanged = "notice.password_changed";
    public const string CodeReported = "notice.code_reported";
    public const string TotpEnabled = "notice.totp_enabled";
    public const string TotpDisabled = "notice.totp_disabled";
    public const string RecoveryCodesRegenerated = "notice.recovery_codes_regenerated";
    public const string AccountRecoveryCanceled = "notice.account_recovery_canceled";
    public const string AccountRecoveryCompleted = "notice.account_recovery_completed";
    public const string PasskeyAdded = "notice.passkey_added";
    public const string PasskeyRemoved = "notice.passkey_removed";

    /// <summary>"A new sign-in on {device} at {time}" with a secure-my-account link; the values travel in the message's Values.</summary>
    public const string NewDeviceSignIn = "notice.new_device_sign_in";

    /// <summary>"Your account was secured; set a new password through a reset."</summary>
    public const string AccountSecured = "notice.account_secured";

    /// <summary>"Someone asked to remove your second factor; it happens in n hours unless you cancel" — the hours travel like the count above.</summary>
    public static string AccountRecoveryRequested(int hours) => $"notice.account_recovery_requested{ValueSeparator}{hours}";

    /// <summary>Separates a notice's template from the one number it carries (how many recovery codes remain).</summary>
    public const char ValueSeparator = '/';

    /// <summary>"A recovery code was used; n remain" — the count travels in the template name, the outbox has no other slot.</summary>
    public static string RecoveryCodeUsed(int remaining) => $"notice.recovery_code_used{ValueSeparator}{remaining}";

    /// <summary>"Our support team did this on your account" — the action's wire name travels in the message's Values (<c>action</c>).</summary>
    public const string SupportAction = "notice.support_action";

    public static async Task QueueAsync(
        IStoreSession tx, long userId, string template, string? challengeId, string locale, DateTimeOffset now, CancellationToken ct, IReadOnlyDictionary<string, string>? values = null)
    {
        foreach (var contact in await tx.Accounts.ContactsOfAsync(userId, ct))
        {
            if (contact.Verified)
            {
                await tx.Outbox.EnqueueAsync(new OutboxMessage(0, OutboxKind.Notice, challengeId, contact.Destination, template, locale, now, Values: values), ct);
            }
        }
    }
}
