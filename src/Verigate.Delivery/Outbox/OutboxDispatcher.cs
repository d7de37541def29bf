using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Verigate.Core.Challenges;
using Verigate.Core.Outbox;
using Verigate.Core.Storage;
using Verigate.Core.Telemetry;
using Verigate.Core.VerifyServices;
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
    VerifyServiceDirectory services,
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

        await LeasedQueueLoop.RunAsync(
            RunOnceAsync,
            ct => signal.WaitAsync(Options.PollInterval, ct),
            ReleaseLeasesAsync,
            e => LogLoopFailed(logger, e),
            stoppingToken);
    }

    private async Task ReleaseLeasesAsync()
    {
        await using var tx = await store.BeginWriteAsync(CancellationToken.None);
        await tx.Outbox.ReleaseAsync(_owner, CancellationToken.None);
        await tx.CommitAsync(CancellationToken.None);
    }

    /// <summary>Claims one batch, sends it, and records every outcome in one transaction; returns how many it handled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        IReadOnlyList<OutboxMessage> batch;
        var now = time.GetUtcNow();
        await using (var tx = await store.BeginUrgentWriteAsync(ct))
        {
            batch = await tx.Outbox.ClaimAsync(_owner, now, now + Options.Lease, Options.BatchSize, ct);
            await tx.CommitAsync(ct);
        }

        if (batch.Count == 0)
        {
            return 0;
        }

        // A claimed batch is finished even when shutdown starts: the host's shutdown timeout bounds it.
        var challenges = await ReadChallengesAsync(batch);
        var results = new Dispatched[batch.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, batch.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Options.Concurrency },
            async (i, _) => results[i] = await DispatchAsync(batch[i], challenges));

        try
        {
            await RecordAsync(results, challenges);
        }
        catch (Exception e)
        {
            // Nothing of the batch is recorded (nor stored in the inbox): the leases run out and it is sent again.
            LogRecordFailed(logger, batch.Count, e);
        }

        return batch.Count;
    }

    /// <summary>
    /// The challenges of the whole batch in one read (not one per message: on PostgreSQL each read is a round trip
    /// and a transaction), read right before sending, so a code whose challenge has ended is still never sent.
    /// </summary>
    private async Task<Dictionary<string, Challenge>> ReadChallengesAsync(IReadOnlyList<OutboxMessage> batch)
    {
        var ids = batch.Where(m => m.ChallengeId is not null).Select(m => m.ChallengeId!).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<string, Challenge>(StringComparer.Ordinal);
        }

        await using var read = await store.OpenReadAsync(CancellationToken.None);
        var found = await read.Challenges.GetManyAsync(ids, CancellationToken.None);
        return found.ToDictionary(c => c.Id, StringComparer.Ordinal);
    }

    private async Task<Dispatched> DispatchAsync(OutboxMessage message, IReadOnlyDictionary<string, Challenge> challenges)
    {
        using var activity = VerigateTelemetry.StartSend(message.Destination.Channel, KindName(message.Kind));
        Dispatched dispatched;
        try
        {
            dispatched = await SendAsync(message, message.ChallengeId is { } id ? challenges.GetValueOrDefault(id) : null);
        }
        catch (Exception e)
        {
            LogDispatchFailed(logger, message.Id, e);
            dispatched = new Dispatched(message, new SendOutcome(DeliveryStatus.Failed, "Temporary failure: " + e.GetType().Name, Retry: true), null, null);
        }

        activity?.SetTag(VerigateTelemetry.OutcomeTag, OutcomeName(dispatched.Outcome));
        return dispatched;
    }

    private static string KindName(OutboxKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>The outcome as a metric or span tag: the status, or "retry" for a temporary failure.</summary>
    private static string OutcomeName(SendOutcome outcome) =>
        !outcome.Succeeded && outcome.Retry ? "retry" : outcome.Status.ToString().ToLowerInvariant();

    private async Task<Dispatched> SendAsync(OutboxMessage message, Challenge? challenge)
    {
        var ct = CancellationToken.None;
        if (message.Kind != OutboxKind.Notice && (challenge is null || !challenge.IsOpenAt(time.GetUtcNow())))
        {
            return new Dispatched(message, new SendOutcome(DeliveryStatus.Dropped, "The code was no longer valid, so it was not sent."), null, null);
        }

        var sender = Array.Find(_senders, s => s.Handles(message.Destination.Channel));
        if (sender is null)
        {
            return new Dispatched(message, new SendOutcome(DeliveryStatus.Failed, "No channel is configured for this destination."), null, null);
        }

        // The timeline names the provider that took the message, so delivery health reads per provider.
        var dispatched = await SendThroughAsync(message, challenge, sender);
        return dispatched with { Outcome = dispatched.Outcome with { Provider = sender.Provider } };
    }

    private async Task<Dispatched> SendThroughAsync(OutboxMessage message, Challenge? challenge, IMessageSender sender)
    {
        var ct = CancellationToken.None;
        if (message.Kind == OutboxKind.Decoy)
        {
            return new Dispatched(message, sender.DecoyOutcome, null, null);
        }

        RenderedMessage rendered;
        if (message.Kind == OutboxKind.Code)
        {
            var code = challenge!.ProtectedCode is { } sealedCode ? vault.Unprotect(sealedCode) : null;
            if (code is null)
            {
                return new Dispatched(message, new SendOutcome(DeliveryStatus.Failed, "The code could not be read (the code-hash key differs, or the code predates the keyed vault)."), null, null);
            }

            var service = challenge.ServiceSid is { } sid ? await services.FindAsync(sid, ct) : null;
            rendered = renderer.RenderCode(message, challenge, code, service?.FriendlyName);
        }
        else
        {
            rendered = renderer.RenderNotice(message, await LinkTokenAsync(message, ct));
        }

        if (sender is IStoreBackedSender storeBacked)
        {
            return new Dispatched(message, storeBacked.DecoyOutcome, storeBacked, rendered);
        }

        try
        {
            return new Dispatched(message, await sender.SendAsync(rendered, ct), null, null);
        }
        catch (Exception e) when (e is IOException or TimeoutException or System.Net.Http.HttpRequestException or System.Data.Common.DbException)
        {
            return new Dispatched(message, new SendOutcome(DeliveryStatus.Failed, "Temporary failure: " + e.GetType().Name, Retry: true), null, null);
        }
    }

    /// <summary>The token of the notice's action link while the link is open; null without one (the notice then points to the site).</summary>
    private async Task<string?> LinkTokenAsync(OutboxMessage message, CancellationToken ct)
    {
        if (message.LinkId is null)
        {
            return null;
        }

        await using var read = await store.OpenReadAsync(ct);
        var link = await read.ActionLinks.GetAsync(message.LinkId, ct);
        return link?.OpenToken(vault, time.GetUtcNow());
    }

    /// <summary>One message's result; for a store-backed channel, the rendered message still to be stored.</summary>
    private readonly record struct Dispatched(OutboxMessage Message, SendOutcome Outcome, IStoreBackedSender? StoreBacked, RenderedMessage? Rendered);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox dispatcher is disabled (Delivery:Dispatcher:Enabled=false): messages stay queued.")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox dispatcher loop failed; retrying in a second.")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recording a batch of {Count} outbox messages failed; they are sent again when their leases end.")]
    private static partial void LogRecordFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dispatching outbox message {OutboxId} failed; it will be retried.")]
    private static partial void LogDispatchFailed(ILogger logger, long outboxId, Exception exception);
}
