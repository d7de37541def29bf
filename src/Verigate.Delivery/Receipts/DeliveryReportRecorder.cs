using Microsoft.Extensions.Logging;
using Verigate.Core.Outbox;
using Verigate.Core.Results;
using Verigate.Core.Storage;

namespace Verigate.Delivery.Receipts;

/// <summary>
/// Adds a gateway's delivery report to the challenge's timeline, after checking the URL's secret token. An
/// unknown challenge, row or a wrong token all answer the same "not found", so the endpoint is no oracle.
/// </summary>
public sealed partial class DeliveryReportRecorder(
    IStore store,
    ReceiptTokens tokens,
    TimeProvider time,
    IEnumerable<IDeliveryReportObserver> observers,
    ILogger<DeliveryReportRecorder> logger)
{
    public async Task<Result<DeliveryEvent>> RecordAsync(DeliveryReport report, CancellationToken ct)
    {
        if (!tokens.IsValid(report.ChallengeId, report.OutboxId, report.Token))
        {
            LogBadToken(logger, report.OutboxId);
            return new Error(ErrorCodes.NotFound, "No message matches this delivery report.");
        }

        DeliveryEvent recorded;
        await using (var tx = await store.BeginWriteAsync(ct))
        {
            var timeline = await tx.Deliveries.ListAsync(report.ChallengeId, ct);
            var sent = timeline.LastOrDefault(d => d.OutboxId == report.OutboxId);
            if (sent is null)
            {
                return new Error(ErrorCodes.NotFound, "No message matches this delivery report.");
            }

            recorded = new DeliveryEvent(
                report.ChallengeId, report.OutboxId, sent.Destination, report.Status, time.GetUtcNow(), report.Detail,
                report.ProviderMessageId ?? sent.ProviderMessageId, Trim(report.ProviderReason), sent.Provider);
            await tx.Deliveries.AppendAsync(recorded, ct);
            await Core.Webhooks.DeliveryWebhooks.PublishAsync(tx, recorded, ct);
            await tx.CommitAsync(ct);
        }

        LogRecorded(logger, report.OutboxId, report.Status);
        foreach (var observer in observers)
        {
            await observer.ReportedAsync(recorded, fromDispatcher: false, ct);
        }

        return recorded;
    }

    private static string? Trim(string? text) => text is null ? null : text.Length <= 200 ? text : text[..200];

    [LoggerMessage(Level = LogLevel.Warning, Message = "A delivery report for outbox message {OutboxId} had a wrong token; ignored.")]
    private static partial void LogBadToken(ILogger logger, long outboxId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery report for outbox message {OutboxId}: {Status}.")]
    private static partial void LogRecorded(ILogger logger, long outboxId, DeliveryStatus status);
}
