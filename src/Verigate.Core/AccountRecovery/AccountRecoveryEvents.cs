using System.Globalization;
using System.Text.Json.Nodes;
using Verigate.Core.Accounts;
using Verigate.Core.Audit;
using Verigate.Core.Storage;
using Verigate.Core.Webhooks;

namespace Verigate.Core.AccountRecovery;

/// <summary>What every step of an account recovery leaves, in the step's own transaction: audit, notices to every verified contact, webhook.</summary>
internal static class AccountRecoveryEvents
{
    public static async Task RecordAsync(
        IStoreSession tx, AccountRecoveryRequest request, string auditType, string notice, string webhookType, string? clientIp, DateTimeOffset now, CancellationToken ct)
    {
        await tx.Audit.AppendAsync(new AuditEvent(now, auditType, request.UserId, ClientIp: clientIp,
            Detail: $"recovery={request.Id} completes_at={request.CompletesAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}"), ct);
        var locale = (await tx.Accounts.GetAsync(request.UserId, ct))?.Locale ?? "en";
        await SecurityNotices.QueueAsync(tx, request.UserId, notice, null, locale, now, ct);
        await WebhookPublisher.PublishAsync(tx, webhookType, $"user:{request.UserId}", null, new JsonObject
        {
            ["userId"] = request.UserId.ToString(CultureInfo.InvariantCulture),
            ["recoveryId"] = request.Id,
            ["status"] = request.Status,
            ["removesAt"] = request.CompletesAt.UtcDateTime,
        }, now, ct);
    }
}
