using System.Globalization;
using System.Text.Json.Nodes;
using Verigate.Core.ActionLinks;
using Verigate.Core.Audit;
using Verigate.Core.Notices;
using Verigate.Core.Outbox;
using Verigate.Core.Storage;
using Verigate.Core.Webhooks;

namespace Verigate.Core.AccountRecovery;

/// <summary>
/// What every step of an account recovery leaves, in the step's own transaction: audit, notices to every verified
/// contact (with <c>cancelLinks</c>, each carrying a single-use cancel link), webhook.
/// </summary>
internal static class AccountRecoveryEvents
{
    /// <summary>Cancels a pending request inside <paramref name="tx"/> (the caller commits); null when it was no longer pending.</summary>
    public static async Task<AccountRecoveryRequest?> CancelAsync(IStoreSession tx, AccountRecoveryRequest pending, string? clientIp, DateTimeOffset now, CancellationToken ct)
    {
        if (!await tx.AccountRecoveries.TryEndAsync(pending.Id, AccountRecoveryRequest.Canceled, now, ct))
        {
            return null;
        }

        var canceled = pending with { Status = AccountRecoveryRequest.Canceled, EndedAt = now };
        await RecordAsync(tx, canceled, AuditEventTypes.AccountRecoveryCanceled, SecurityNotices.AccountRecoveryCanceled,
            WebhookEventTypes.AccountRecoveryCanceled, clientIp, now, null, ct);
        return canceled;
    }

    public static async Task RecordAsync(
        IStoreSession tx, AccountRecoveryRequest request, string auditType, string notice, string webhookType, string? clientIp, DateTimeOffset now,
        ActionLinkService? cancelLinks, CancellationToken ct)
    {
        await tx.Audit.AppendAsync(new AuditEvent(now, auditType, request.UserId, ClientIp: clientIp,
            Detail: $"recovery={request.Id} completes_at={request.CompletesAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}"), ct);
        var locale = (await tx.Accounts.GetAsync(request.UserId, ct))?.Locale ?? "en";
        if (cancelLinks is null)
        {
            await SecurityNotices.QueueAsync(tx, request.UserId, notice, null, locale, now, ct);
        }
        else
        {
            // Every verified contact gets its own single-use cancel link: whichever the owner still reads will do.
            foreach (var contact in (await tx.Accounts.ContactsOfAsync(request.UserId, ct)).Where(c => c.Verified))
            {
                var link = await cancelLinks.IssueAsync(tx, request.UserId, CancelAccountRecoveryLink.LinkKind, request.Id, ct);
                await tx.Outbox.EnqueueAsync(new OutboxMessage(0, OutboxKind.Notice, null, contact.Destination, notice, locale, now, LinkId: link.Id), ct);
            }
        }

        await WebhookPublisher.PublishAsync(tx, webhookType, $"user:{request.UserId}", null, new JsonObject
        {
            ["userId"] = request.UserId.ToString(CultureInfo.InvariantCulture),
            ["recoveryId"] = request.Id,
            ["status"] = request.Status,
            ["removesAt"] = request.CompletesAt.UtcDateTime,
        }, now, ct);
    }
}
