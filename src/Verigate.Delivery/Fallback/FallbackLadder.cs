using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Verigate.Core.Challenges;
using Verigate.Core.Delivery;
using Verigate.Core.Destinations;
using Verigate.Core.Outbox;
using Verigate.Core.Storage;
using Verigate.Delivery.Receipts;

namespace Verigate.Delivery.Fallback;

/// <summary>
/// Watches SMS outcomes of account codes: a failure (rejected, undelivered, refused by the gateway) sends the same
/// code to the account's verified email at once; a sent SMS without a delivery report within
/// <see cref="FallbackOptions.ConfirmWithin"/> does the same. Each such deadline is a row in the store (so a restart
/// does not lose it); the in-memory timer only wakes this instance when it is due, and is set again at start for
/// every deadline still pending.
/// </summary>
public sealed partial class FallbackLadder(
    IServiceProvider services,
    IStore store,
    TimeProvider time,
    IOptions<DeliveryOptions> options,
    ILogger<FallbackLadder> logger) : IDeliveryReportObserver, IHostedService, IDisposable
{
    public const string FailedReason = "The text message could not be delivered, so we sent the same code by email.";
    public const string UnconfirmedReason = "The text message was not confirmed in time, so we also sent the same code by email.";

    private readonly ConcurrentDictionary<long, ITimer> _timers = new();

    private FallbackOptions Options => options.Value.Fallback;

    public async Task ReportedAsync(DeliveryEvent report, bool fromDispatcher, CancellationToken ct)
    {
        if (!Options.Enabled || report.Destination.Channel != Channel.Sms)
        {
            return;
        }

        // A deadline is only set by a "sent" report, so the dispatcher's own outcome (the message's first report)
        // finds none to forget: no write transaction for it (one per delivered message otherwise).
        if (report.Status == DeliveryStatus.Failed)
        {
            if (!fromDispatcher)
            {
                await ForgetAsync(report.OutboxId, ct);
            }

            await FallBackAsync(report.ChallengeId, report.OutboxId, FailedReason);
        }
        else if (report.Status == DeliveryStatus.Delivered)
        {
            if (!fromDispatcher)
            {
                await ForgetAsync(report.OutboxId, ct);
            }
        }
        else if (report.Status == DeliveryStatus.Sent && Options.ConfirmWithin > TimeSpan.Zero && !_timers.ContainsKey(report.OutboxId))
        {
            var deadline = new FallbackDeadline(report.OutboxId, report.ChallengeId, time.GetUtcNow() + Options.ConfirmWithin);
            await using (var tx = await store.BeginWriteAsync(ct))
            {
                await tx.FallbackDeadlines.AddAsync(deadline, ct);
                await tx.CommitAsync(ct);
            }

            Schedule(deadline);
        }
    }

    /// <summary>Sets a wake-up for every deadline a previous run (or another instance) left pending.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Options.Enabled)
        {
            return;
        }

        await using var read = await store.OpenReadAsync(cancellationToken);
        foreach (var deadline in await read.FallbackDeadlines.ListAsync(cancellationToken))
        {
            Schedule(deadline);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        foreach (var timer in _timers.Values)
        {
            timer.Dispose();
        }

        _timers.Clear();
    }

    private void Schedule(FallbackDeadline deadline)
    {
        var wait = deadline.DueAt - time.GetUtcNow();
        var timer = time.CreateTimer(_ => _ = CheckConfirmedAsync(deadline), null, wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        if (!_timers.TryAdd(deadline.OutboxId, timer))
        {
            timer.Dispose();
        }
    }

    private async Task CheckConfirmedAsync(FallbackDeadline deadline)
    {
        CancelTimer(deadline.OutboxId);
        try
        {
            // Whoever removes the row acts on it: a report that arrived meanwhile, or another instance, wins otherwise.
            await using (var tx = await store.BeginWriteAsync(CancellationToken.None))
            {
                if (!await tx.FallbackDeadlines.TryRemoveAsync(deadline.OutboxId, CancellationToken.None))
                {
                    return;
                }

                await tx.CommitAsync(CancellationToken.None);
            }

            IReadOnlyList<DeliveryEvent> timeline;
            await using (var read = await store.OpenReadAsync(CancellationToken.None))
            {
                timeline = await read.Deliveries.ListAsync(deadline.ChallengeId, CancellationToken.None);
            }

            if (!timeline.Any(d => d.OutboxId == deadline.OutboxId && d.Status is DeliveryStatus.Delivered or DeliveryStatus.Failed))
            {
                await FallBackAsync(deadline.ChallengeId, deadline.OutboxId, UnconfirmedReason);
            }
        }
        catch (Exception e)
        {
            LogCheckFailed(logger, deadline.OutboxId, e);
        }
    }

    private async Task FallBackAsync(string challengeId, long outboxId, string reason)
    {
        var challenges = services.GetRequiredService<AccountChallenges>();
        var result = await challenges.FallBackAsync(challengeId, Channel.Email, reason, CancellationToken.None);
        if (result.IsSuccess)
        {
            LogFellBack(logger, outboxId, result.Value);
        }
    }

    /// <summary>The report came: no deadline for this message any more, here or in the store.</summary>
    private async Task ForgetAsync(long outboxId, CancellationToken ct)
    {
        CancelTimer(outboxId);
        await using var tx = await store.BeginWriteAsync(ct);
        if (await tx.FallbackDeadlines.TryRemoveAsync(outboxId, ct))
        {
            await tx.CommitAsync(ct);
        }
    }

    private void CancelTimer(long outboxId)
    {
        if (_timers.TryRemove(outboxId, out var timer))
        {
            timer.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS outbox message {OutboxId} failed or went unconfirmed: the code also goes to {To}.")]
    private static partial void LogFellBack(ILogger logger, long outboxId, Destination to);

    [LoggerMessage(Level = LogLevel.Error, Message = "Checking whether SMS outbox message {OutboxId} was confirmed failed.")]
    private static partial void LogCheckFailed(ILogger logger, long outboxId, Exception exception);
}
