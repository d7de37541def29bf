using System.Globalization;
using System.Text.Json.Nodes;
using Verigate.Core.Accounts;
using Verigate.Core.ActionLinks;
using Verigate.Core.Audit;
using Verigate.Core.Challenges;
using Verigate.Core.Notices;
using Verigate.Core.Results;
using Verigate.Core.Storage;
using Verigate.Core.Webhooks;

namespace Verigate.Core.SecurityAlerts;

/// <summary>
/// "This wasn't me — secure my account", the link in every new-sign-in alert. The button signs out every session,
/// forgets every remembered device, cancels pending codes and makes the current password stop working; the owner
/// then sets a new one through a password reset, which still asks for any second factor. A thief who knows the
/// password is out at once and cannot come back with it.
/// </summary>
public sealed class SecureAccountLink(PasswordHasher passwords) : IActionLinkHandler
{
    public const string LinkKind = "secure_account";

    public string Kind => LinkKind;

    /// <summary>As long as an undo link: the owner may read the alert days later.</summary>
    public TimeSpan ValidFor => TimeSpan.FromDays(7);

    public ActionLinkPrompt Describe(ActionLink link) => new(
        "Secure your account",
        "If you did not sign in, press the button: every session is signed out, remembered devices are forgotten, pending codes are canceled " +
        "and your current password stops working. You then choose a new password with \"Forgot your password?\".",
        "Secure my account");

    public async Task<Result<ActionLinkDone>> ActAsync(IStoreSession tx, ActionLink link, ActionLinkContext context, CancellationToken ct)
    {
        var userId = link.UserId;
        var account = await tx.Accounts.GetAsync(userId, ct);
        if (account is null)
        {
            return new Error(ErrorCodes.LinkInvalid, "This account no longer exists.");
        }

        var now = context.Now;
        await tx.Sessions.RevokeAllAsync(userId, now, ct);
        await tx.Devices.RevokeTrustAsync(userId, ct);
        var canceled = await tx.Challenges.EndPendingOfAccountAsync(userId, null, ChallengeStatus.Canceled, now, ct);

        // The hash of a password nobody knows: the old password now fails exactly like a wrong one (same answer, same time).
        await tx.Accounts.UpdatePasswordAsync(userId, passwords.UnusableHash, ct);

        // The other alerts' links have done their work; one pressed after the new password is set must not undo it.
        await tx.ActionLinks.EndOpenAsync(userId, LinkKind, now, ct);
        await tx.Audit.AppendAsync(new AuditEvent(now, AuditEventTypes.AccountSecured, userId, ClientIp: context.ClientIp, Detail: $"codes_canceled={canceled}"), ct);
        await SecurityNotices.QueueAsync(tx, userId, SecurityNotices.AccountSecured, null, account.Locale, now, ct);

        // The integrator's own sessions and tokens for this person are theirs to end: tell them it happened.
        await WebhookPublisher.PublishAsync(tx, WebhookEventTypes.AccountSecured, $"user:{userId}", null, new JsonObject
        {
            ["userId"] = userId.ToString(CultureInfo.InvariantCulture),
            ["codesCanceled"] = canceled,
        }, now, ct);
        return new ActionLinkDone(
            "Your account is secured",
            "Every session was signed out, remembered devices were forgotten, pending codes were canceled and your password no longer works. " +
            "Choose a new one with \"Forgot your password?\" on the sign-in page.");
    }
}
