using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Verigate.Core.Accounts;
using Verigate.Core.Destinations;
using Verigate.Core.Outbox;
using Verigate.Core.Storage;
using Verigate.Delivery.Receipts;

namespace Verigate.Delivery.Fallback;

/// <summary>
/// Watches SMS outcomes of account codes: a failure (rejected, undelivered, refused by the gateway) sends the same
/// code to the account's verified email at once; a sent SMS without a delivery report within
/// <see cref="FallbackOptions.ConfirmWithin"/> does the same. The timers live in memory: after a restart only
/// failures trigger the fallback (the person can still ask for email themselves).
/// </summary>
public sealed partial class FallbackLadder(
    IServiceProvider services,
    IStore store,
    TimeProvider time,
    IOptions<DeliveryOptions> options,
    ILogger<FallbackLadder> logger) : IDeliveryReportObserver, IDisposable
{
    public const string FailedReason = "The text message could not be delivered, so we sent the same code by email.";
    public const string UnconfirmedReason = "The text message was not confirmed in time, so we also sent the same code by email.";

    private readonly ConcurrentDictionary<long, ITimer> _timers = new();

    private FallbackOptions Options => options.Value.Fallback;

    public async Task ReportedAsync(DeliveryEvent report, CancellationToken ct)
    {
        if (!Options.Enabled || report.Destination.Channel != Channel.Sms)
        {
            return;
        }

        if (report.Status == DeliveryStatus.Failed)
        {
            Cancel(report.OutboxId);
            await FallBackAsync(report, FailedReason);
        }
        else if (report.Status == DeliveryStatus.Delivered)
        {
            Cancel(report.OutboxId);
        }
        else if (report.Status == DeliveryStatus.Sent && Options.ConfirmWithin > TimeSpan.Zero && !_timers.ContainsKey(report.OutboxId))
        {
            var timer = time.CreateTimer(_ => _ = CheckConfirmedAsync(report), null, Options.ConfirmWithin, Timeout.InfiniteTimeSpan);
            if (!_timers.TryAdd(report.OutboxId, timer))
            {
                timer.Dispose();
            }
        }
    }

    public void Dispose()
    {
        foreach (var timer in _timers.Values)
        {
            timer.Dispose();
        }

        _timers.Clear();
    }

    private async Task CheckConfirmedAsync(DeliveryEvent sent)
    {
        Cancel(sent.OutboxId);
        try
        {
            IReadOnlyList<DeliveryEvent> timeline;
            await using (var read = await store.OpenReadAsync(CancellationToken.None))
            {
                timeline = await read.Deliveries.ListAsync(sent.ChallengeId, CancellationToken.None);
            }

            if (!timeline.Any(d => d.OutboxId == sent.OutboxId && d.Status is DeliveryStatus.Delivered or DeliveryStatus.Failed))
            {
                await FallBackAsync(sent, UnconfirmedReason);
            }
        }
        catch (Exception e)
        {
            LogCheckFailed(logger, sent.OutboxId, e);
        }
    }

    private async Task FallBackAsync(DeliveryEvent report, string reason)
    {
        var challenges = services.GetRequiredService<AccountChallenges>();
        var result = await challenges.FallBackAsync(report.ChallengeId, Channel.Email, reason, CancellationToken.None);
        if (result.IsSuccess)
        {
            LogFellBack(logger, report.OutboxId, result.Value);
        }
    }

    private void Cancel(long outboxId)
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
