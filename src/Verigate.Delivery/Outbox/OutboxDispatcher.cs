using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Verigate.Core.Challenges;
using Verigate.Core.Outbox;
using Verigate.Core.Storage;
using Verigate.Delivery.Channels;
using Verigate.Delivery.Receipts;
using Verigate.Delivery.Templates;

namespace Verigate.Delivery.Outbox;

/// <summary>
/// Sends what the outbox holds. Messages are leased, not taken: if this process dies mid-send the lease runs
/// out and a dispatcher (here after a restart, or on another instance) sends the message again, with the same
/// code, because the code lives on the challenge. A message whose challenge has ended is dropped, never sent.
/// </summary>
public sealed partial class OutboxDispatcher(
    IStore store,
    MessageRenderer renderer,
    IEnumerable<IMessageSender> senders,
    ICodeVault vault,
    OutboxSignal signal,
    IEnumerable<IDeliveryReportObserver> observers,
    TimeProvider time,
    IOptions<DeliveryOptions> options,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
    private readonly IMessageSender[] _senders = senders.ToArray();

    private DispatcherOptions Options => options.Value.Dispatcher;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Options.Enabled)
        {
            LogDisabled(logger);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunOnceAsync(stoppingToken) == 0)
                {
                    await signal.WaitAsync(Options.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                LogLoopFailed(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        // Anything still leased to us goes back to the queue at once instead of waiting for the lease to run out.
        await using var tx = await store.BeginWriteAsync(CancellationToken.None);
        await tx.Outbox.ReleaseAsync(_owner, CancellationToken.None);
        await tx.CommitAsync(CancellationToken.None);
    }

    /// <summary>Claims one batch and sends it; returns how many messages it handled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        IReadOnlyList<OutboxMessage> batch;
        var now = time.GetUtcNow();
        await using (var tx = await store.BeginWriteAsync(ct))
        {
            batch = await tx.Outbox.ClaimAsync(_owner, now, now + Options.Lease, Options.BatchSize, ct);
            await tx.CommitAsync(ct);
        }

        // A claimed batch is finished even when shutdown starts: the host's shutdown timeout bounds it.
        await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = Options.Concurrency }, (m, _) => new ValueTask(DispatchAsync(m)));
        return batch.Count;
    }

    private async Task DispatchAsync(OutboxMessage message)
    {
        try
        {
            var outcome = await SendAsync(message);
            await RecordAsync(message, outcome);
        }
        catch (Exception e)
        {
            // The lease runs out and the message is tried again; nothing is lost.
            LogDispatchFailed(logger, message.Id, e);
        }
    }

    private async Task<SendOutcome> SendAsync(OutboxMessage message)
    {
        var ct = CancellationToken.None;
        Challenge? challenge = null;
        if (message.ChallengeId is not null)
        {
            await using var read = await store.OpenReadAsync(ct);
            challenge = await read.Challenges.GetAsync(message.ChallengeId, ct);
        }

        if (message.Kind != OutboxKind.Notice && (challenge is null || !challenge.IsOpenAt(time.GetUtcNow())))
        {
            return new SendOutcome(DeliveryStatus.Dropped, "The code was no longer valid, so it was not sent.");
        }

        var sender = Array.Find(_senders, s => s.Handles(message.Destination.Channel));
        if (sender is null)
        {
            return new SendOutcome(DeliveryStatus.Failed, "No channel is configured for this destination.");
        }

        if (message.Kind == OutboxKind.Decoy)
        {
            return sender.DecoyOutcome;
        }

        RenderedMessage rendered;
        if (message.Kind == OutboxKind.Code)
        {
            var code = challenge!.ProtectedCode is { } sealedCode ? vault.Unprotect(sealedCode) : null;
            if (code is null)
            {
                return new SendOutcome(DeliveryStatus.Failed, "The code could not be read (Data Protection keys differ?).");
            }

            rendered = renderer.RenderCode(message, challenge, code);
        }
        else
        {
            rendered = renderer.RenderNotice(message);
        }

        try
        {
            return await sender.SendAsync(rendered, ct);
        }
        catch (Exception e) when (e is IOException or TimeoutException or System.Net.Http.HttpRequestException or System.Data.Common.DbException)
        {
            return new SendOutcome(DeliveryStatus.Failed, "Temporary failure: " + e.GetType().Name, Retry: true);
        }
    }

    /// <summary>Records the outcome, then (once the write transaction is over) tells the observers, which may write themselves.</summary>
    private async Task RecordAsync(OutboxMessage message, SendOutcome outcome)
    {
        var recorded = await RecordCoreAsync(message, outcome);
        if (recorded is not null && message.Kind == OutboxKind.Code)
        {
            foreach (var observer in observers)
            {
                await observer.ReportedAsync(recorded, CancellationToken.None);
            }
        }
    }

    private async Task<DeliveryEvent?> RecordCoreAsync(OutboxMessage message, SendOutcome outcome)
    {
        var ct = CancellationToken.None;
        var now = time.GetUtcNow();
        await using var tx = await store.BeginWriteAsync(ct);
        var retrying = !outcome.Succeeded && outcome.Retry && message.Attempts < Options.MaxAttempts;
        if (retrying)
        {
            var retryAt = now + Backoff(message.Attempts);
            await tx.Outbox.ScheduleRetryAsync(message.Id, _owner, retryAt, outcome.Detail ?? "retry", ct);
            LogRetry(logger, message.Id, message.Destination, message.Attempts, retryAt);
        }
        else
        {
            var state = outcome.Succeeded ? OutboxState.Sent : outcome.Status == DeliveryStatus.Dropped ? OutboxState.Dropped : OutboxState.Failed;
            await tx.Outbox.CompleteAsync(message.Id, _owner, state, outcome.Detail, now, ct);
            LogFinished(logger, message.Id, message.Kind, message.Destination.Channel, message.Destination, outcome.Status);
        }

        DeliveryEvent? recorded = null;
        if (message.ChallengeId is not null && message.Kind != OutboxKind.Notice)
        {
            // A temporary failure leaves the message queued: the timeline says so rather than "failed".
            var status = retrying ? DeliveryStatus.Queued : outcome.Status;
            recorded = new DeliveryEvent(message.ChallengeId, message.Id, message.Destination, status, now, outcome.Detail, outcome.ProviderMessageId, outcome.ProviderReason);
            await tx.Deliveries.AppendAsync(recorded, ct);
        }

        await tx.CommitAsync(ct);
        return recorded;
    }

    /// <summary>Exponential backoff with full jitter over its upper half, capped.</summary>
    private TimeSpan Backoff(int attempts)
    {
        var ceiling = Math.Min(Options.RetryMax.TotalMilliseconds, Options.RetryBase.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempts - 1)));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (Random.Shared.NextDouble() / 2)));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox dispatcher is disabled (Delivery:Dispatcher:Enabled=false): messages stay queued.")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox dispatcher loop failed; retrying in a second.")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dispatching outbox message {OutboxId} failed; it will be retried when its lease ends.")]
    private static partial void LogDispatchFailed(ILogger logger, long outboxId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {OutboxId} ({Kind}, {Channel} to {To}): {Status}.")]
    private static partial void LogFinished(ILogger logger, long outboxId, OutboxKind kind, Verigate.Core.Destinations.Channel channel, Verigate.Core.Destinations.Destination to, DeliveryStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {OutboxId} to {To} failed on attempt {Attempt}; retrying at {RetryAt:O}.")]
    private static partial void LogRetry(ILogger logger, long outboxId, Verigate.Core.Destinations.Destination to, int attempt, DateTimeOffset retryAt);
}
