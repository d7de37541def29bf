using Microsoft.Extensions.Logging;
using Verigate.Core.Challenges;
using Verigate.Core.Outbox;
using Verigate.Core.Telemetry;
using Verigate.Core.Webhooks;
using Verigate.Delivery.Channels;

namespace Verigate.Delivery.Outbox;

/// <summary>The dispatcher's record step: what a batch's results mean for the outbox, the timelines and the webhooks.</summary>
public sealed partial class OutboxDispatcher
{
    /// <summary>Records the batch in one transaction, then (once it is over) tells the observers, which may write themselves.</summary>
    private async Task RecordAsync(IReadOnlyList<Dispatched> results, IReadOnlyDictionary<string, Challenge> challenges)
    {
        var recorded = await RecordCoreAsync(results, challenges);
        foreach (var report in recorded)
        {
            foreach (var observer in observers)
            {
                await observer.ReportedAsync(report, fromDispatcher: true, CancellationToken.None);
            }
        }
    }

    private async Task<List<DeliveryEvent>> RecordCoreAsync(IReadOnlyList<Dispatched> results, IReadOnlyDictionary<string, Challenge> challenges)
    {
        var ct = CancellationToken.None;
        var now = time.GetUtcNow();
        var outcomes = results.Select(r => Judge(r, now)).ToList();
        var reports = outcomes.Where(o => o.Report is not null).Select(o => o.Report!).ToList();
        // The delivery webhooks carry each verification's timeline: read before the batch's writes, in one read of its
        // own, so that the writes are all held-back ones and go to the store together (on PostgreSQL, one batch that
        // is its own transaction; on SQLite, the read does not hold the writer).
        var withEvents = reports.Where(r => DeliveryWebhooks.Applies(r, challenges.GetValueOrDefault(r.ChallengeId))).ToHashSet<DeliveryEvent>(ReferenceEqualityComparer.Instance);
        var earlier = await ReadTimelinesAsync(withEvents.Select(r => r.ChallengeId).Distinct(StringComparer.Ordinal).ToList(), ct);
        // Each timeline as stored plus this batch's reports, grouped once rather than filtered for every event.
        var timelines = earlier.Concat(reports).ToLookup(d => d.ChallengeId, StringComparer.Ordinal);
        await using var tx = await store.BeginUrgentWriteAsync(ct);

        // One message after the other (its inbox copy, outbox row, timeline entry and event touch different tables):
        // where the store sends held-back writes together, each message's make one statement.
        for (var i = 0; i < results.Count; i++)
        {
            var (message, outcome, retryAt, report) = outcomes[i];
            if (results[i].StoreBacked is { } storeBacked)
            {
                await storeBacked.DeliverAsync(tx, results[i].Rendered!, ct);
            }

            VerigateTelemetry.Delivered(message.Destination.Channel, KindName(message.Kind), retryAt is null ? outcome.Status.ToString().ToLowerInvariant() : "retry");
            if (retryAt is { } at)
            {
                await tx.Outbox.ScheduleRetryAsync(message.Id, _owner, at, outcome.Detail ?? "retry", ct);
                LogRetry(logger, message.Id, message.Destination, message.Attempts, at);
            }
            else
            {
                var state = outcome.Succeeded ? OutboxState.Sent : outcome.Status == DeliveryStatus.Dropped ? OutboxState.Dropped : OutboxState.Failed;
                await tx.Outbox.CompleteAsync(message.Id, _owner, state, outcome.Detail, now, ct);
                LogFinished(logger, message.Id, message.Kind, message.Destination.Channel, message.Destination, outcome.Status);
            }

            if (report is null)
            {
                continue;
            }

            await tx.Deliveries.AppendAsync(report, ct);
            if (withEvents.Contains(report))
            {
                // The challenge as read just before sending (its state when the message went out), not read again.
                await DeliveryWebhooks.PublishAsync(tx, report, challenges[report.ChallengeId], [.. timelines[report.ChallengeId]], ct);
            }
        }

        await tx.CommitAsync(ct);
        return [.. outcomes.Where(o => o.Report is not null && o.Message.Kind == OutboxKind.Code).Select(o => o.Report!)];
    }

    private async Task<IReadOnlyList<DeliveryEvent>> ReadTimelinesAsync(IReadOnlyList<string> challengeIds, CancellationToken ct)
    {
        if (challengeIds.Count == 0)
        {
            return [];
        }

        await using var read = await store.OpenReadAsync(ct);
        return await read.Deliveries.ListManyAsync(challengeIds, ct);
    }

    /// <summary>
    /// What a result means for the outbox row (finished, or tried again at <c>RetryAt</c>) and for the challenge's
    /// timeline (a report; a temporary failure leaves the message queued, and the timeline says so rather than "failed").
    /// </summary>
    private Judged Judge(Dispatched result, DateTimeOffset now)
    {
        var (message, outcome, _, _) = result;
        var retrying = !outcome.Succeeded && outcome.Retry && message.Attempts < Options.MaxAttempts;
        var report = message.ChallengeId is not null && message.Kind != OutboxKind.Notice
            ? new DeliveryEvent(message.ChallengeId, message.Id, message.Destination, retrying ? DeliveryStatus.Queued : outcome.Status, now,
                outcome.Detail, outcome.ProviderMessageId, outcome.ProviderReason, outcome.Provider)
            : null;
        return new Judged(message, outcome, retrying ? now + Backoff(message.Attempts) : null, report);
    }

    private readonly record struct Judged(OutboxMessage Message, SendOutcome Outcome, DateTimeOffset? RetryAt, DeliveryEvent? Report);

    /// <summary>Exponential backoff with full jitter over its upper half, capped.</summary>
    private TimeSpan Backoff(int attempts)
    {
        var ceiling = Math.Min(Options.RetryMax.TotalMilliseconds, Options.RetryBase.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempts - 1)));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (Random.Shared.NextDouble() / 2)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {OutboxId} ({Kind}, {Channel} to {To}): {Status}.")]
    private static partial void LogFinished(ILogger logger, long outboxId, OutboxKind kind, Verigate.Core.Destinations.Channel channel, Verigate.Core.Destinations.Destination to, DeliveryStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {OutboxId} to {To} failed on attempt {Attempt}; retrying at {RetryAt:O}.")]
    private static partial void LogRetry(ILogger logger, long outboxId, Verigate.Core.Destinations.Destination to, int attempt, DateTimeOffset retryAt);
}
