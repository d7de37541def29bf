using Verigate.Core.ActionLinks;
using Verigate.Core.Results;
using Verigate.Core.Storage;

namespace Verigate.Core.AccountRecovery;

/// <summary>
/// The link in the "someone asked to remove your second factor" notice: its button cancels that request. Valid as
/// long as the request waits, so the owner can act on it until the last moment.
/// </summary>
public sealed class CancelAccountRecoveryLink(AccountRecoveryOptions options) : IActionLinkHandler
{
    public const string LinkKind = "cancel_account_recovery";

    public string Kind => LinkKind;

    public TimeSpan ValidFor => options.RecoveryWaitingPeriod;

    public ActionLinkPrompt Describe(ActionLink link) => new(
        "Cancel the account recovery",
        "Someone asked to remove two-step sign-in from your account. Cancel it if it was not you, or if you have found your authenticator app.",
        "Cancel the recovery");

    public async Task<Result<ActionLinkDone>> ActAsync(IStoreSession tx, ActionLink link, ActionLinkContext context, CancellationToken ct)
    {
        if (await tx.AccountRecoveries.GetAsync(link.Payload, ct) is not { Status: AccountRecoveryRequest.Pending } pending || pending.UserId != link.UserId
            || await AccountRecoveryEvents.CancelAsync(tx, pending, context.ClientIp, context.Now, ct) is null)
        {
            return new Error(ErrorCodes.AccountRecoveryNotFound, "This account recovery is no longer waiting: it was canceled or has completed.");
        }

        return new ActionLinkDone("Account recovery canceled", "Nothing was changed: your second factor stays on. If it was not you who asked, change your password.");
    }
}
