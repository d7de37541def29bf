using Verigate.Core.Audit;
using Verigate.Core.Notices;
using Verigate.Core.Storage;
using Verigate.Core.TwoFactor;
using Verigate.Core.Webhooks;

namespace Verigate.Core.AccountRecovery;

/// <summary>
/// Ends a recovery whose waiting period is over: the second factor (authenticator app and recovery codes) is removed,
/// every verified contact is told, and it is audited — at the owner's next sign-in, in that sign-in's transaction.
/// </summary>
public static class AccountRecoveryCompletion
{
    /// <summary>True when a due request was completed (the account has no second factor any more).</summary>
    public static async Task<bool> CompleteDueAsync(IStoreSession tx, long userId, DateTimeOffset now, ClientContext client, CancellationToken ct)
    {
        if (await tx.AccountRecoveries.FindPendingAsync(userId, ct) is not { } pending || pending.CompletesAt > now
            || !await tx.AccountRecoveries.TryEndAsync(pending.Id, AccountRecoveryRequest.Completed, now, ct))
        {
            return false;
        }

        await tx.AuthenticatorKeys.DeleteAsync(userId, ct);
        await tx.RecoveryCodes.DeleteAllAsync(userId, ct);
        // Passkeys are a second factor too: one left behind would keep the person locked out.
        foreach (var passkey in await tx.Passkeys.ListAsync(userId, ct))
        {
            await tx.Passkeys.DeleteAsync(userId, passkey.CredentialId, ct);
        }

        var completed = pending with { Status = AccountRecoveryRequest.Completed, EndedAt = now };
        await AccountRecoveryEvents.RecordAsync(tx, completed, AuditEventTypes.AccountRecoveryCompleted, SecurityNotices.AccountRecoveryCompleted,
            WebhookEventTypes.AccountRecoveryCompleted, client.Ip, now, null, ct);
        await SecondFactorEvents.PublishAsync(tx, userId, SecondFactorEvents.RemovedByAccountRecovery, 0, now, ct);
        return true;
    }
}
