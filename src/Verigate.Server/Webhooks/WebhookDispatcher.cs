using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Verigate.Core.Storage;
using Verigate.Core.Webhooks;
using Verigate.Delivery.Outbox;

namespace Verigate.Server.Webhooks;

/// <summary>
/// Sends webhook deliveries, signed the Standard Webhooks way. Deliveries are leased, not taken: if this process
/// dies mid-send, the lease runs out and the delivery is sent again with the same <c>webhook-id</c>, so a receiver
/// that remembers ids sees every event exactly once. Failures retry with exponential backoff and full jitter until
/// <see cref="WebhookOptions.GiveUpAfter"/> since the event; then the delivery is dead until replayed.
/// </summary>
public sealed partial class WebhookDispatcher(
    IStore store,
    WebhookSecrets secrets,
    IHttpClientFactory httpClients,
    WebhookOptions options,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/wh-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }

        await LeasedQueueLoop.RunAsync(
            RunOnceAsync,
            ct => Task.Delay(options.PollInterval, ct), // real time: polling is not part of the domain clock
            ReleaseLeasesAsync,
            e => LogLoopFailed(logger, e),
            stoppingToken);
    }

    private async Task ReleaseLeasesAsync()
    {
        await using var tx = await store.BeginWriteAsync(CancellationToken.None);
        await tx.Webhooks.ReleaseAsync(_owner, CancellationToken.None);
        await tx.CommitAsync(CancellationToken.None);
    }

    /// <summary>Claims one batch, sends it, records the outcomes; returns how many it handled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        IReadOnlyList<ClaimedWebhook> batch;
        var now = time.GetUtcNow();
        await using (var tx = await store.BeginWriteAsync(ct))
        {
            batch = await tx.Webhooks.ClaimAsync(_owner, now, now + options.Lease, options.BatchSize, ct);
            await tx.CommitAsync(ct);
        }

        if (batch.Count == 0)
        {
            return 0;
        }

        var outcomes = new string?[batch.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, batch.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency },
            async (i, _) => outcomes[i] = await SendAsync(batch[i]));

        var finished = time.GetUtcNow();
        await using (var tx = await store.BeginWriteAsync(CancellationToken.None))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var delivery = batch[i].Delivery;
                if (outcomes[i] is not { } error)
                {
                    await tx.Webhooks.MarkDeliveredAsync(delivery.Id, _owner, finished, CancellationToken.None);
                    continue;
                }

                var next = finished + Backoff(delivery.Attempts);
                if (next - batch[i].Event.CreatedAt > options.GiveUpAfter)
                {
                    await tx.Webhooks.MarkDeadAsync(delivery.Id, _owner, finished, error, CancellationToken.None);
                    LogDead(logger, delivery.Id, delivery.EndpointId, delivery.Attempts, error);
                }
                else
                {
                    await tx.Webhooks.ScheduleRetryAsync(delivery.Id, _owner, next, error, CancellationToken.None);
                    LogRetry(logger, delivery.Id, delivery.EndpointId, delivery.Attempts, next, error);
                }
            }

            await tx.CommitAsync(CancellationToken.None);
        }

        return batch.Count;
    }

    /// <summary>Null when the endpoint answered 2xx; otherwise what went wrong, in our words.</summary>
    private async Task<string?> SendAsync(ClaimedWebhook claimed)
    {
        var (_, e, endpoint) = claimed;
        var current = secrets.Unprotect(endpoint.ProtectedSecret);
        if (current is null)
        {
            return "The endpoint's secret could not be opened (Data Protection keys differ?).";
        }

        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        var signature = WebhookSignature.Sign(current, e.Id, timestamp, e.Payload);
        // During a rotation both secrets sign, so a receiver that still has the old one keeps verifying.
        if (endpoint.PreviousProtectedSecret is { } previousProtected && endpoint.PreviousUntil > time.GetUtcNow()
            && secrets.Unprotect(previousProtected) is { } previous)
        {
            signature += " " + WebhookSignature.Sign(previous, e.Id, timestamp, e.Payload);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(e.Payload, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("webhook-id", e.Id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signature);
        try
        {
            using var cts = new CancellationTokenSource(options.Timeout);
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            return response.IsSuccessStatusCode ? null : $"The endpoint answered {(int)response.StatusCode}.";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or OperationCanceledException)
        {
            return IsForbiddenAddress(ex)
                ? "Not sent: " + WebhookAddresses.ForbiddenMessage
                : $"The endpoint could not be reached ({ex.GetType().Name}).";
        }
    }

    private static bool IsForbiddenAddress(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex.Message == WebhookAddresses.ForbiddenMessage)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Exponential backoff with full jitter over its upper half, capped.</summary>
    private TimeSpan Backoff(int attempts)
    {
        var ceiling = Math.Min(options.RetryBase.TotalMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 30)), options.RetryMax.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} to {EndpointId} failed (attempt {Attempts}); retrying at {RetryAt:O}: {Error}")]
    private static partial void LogRetry(ILogger logger, long deliveryId, string endpointId, int attempts, DateTimeOffset retryAt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook delivery {DeliveryId} to {EndpointId} is dead after {Attempts} attempts: {Error}")]
    private static partial void LogDead(ILogger logger, long deliveryId, string endpointId, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The webhook dispatcher loop failed; retrying in a second")]
    private static partial void LogLoopFailed(ILogger logger, Exception e);
}
