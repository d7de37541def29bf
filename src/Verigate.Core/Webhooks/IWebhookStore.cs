
namespace Verigate.Core.Webhooks;

/// <summary>Webhook endpoints, events and their deliveries (an outbox of its own).</summary>
public interface IWebhookStore
{
    /// <summary>
    /// Stores the event and one pending delivery per endpoint that may see it and wants its type; an event no endpoint
    /// wants is not stored.
    /// </summary>
    Task PublishAsync(WebhookEvent webhookEvent, CancellationToken ct);

    Task AddEndpointAsync(WebhookEndpoint endpoint, CancellationToken ct);

    /// <summary>Endpoints managed by <paramref name="ownerKey"/>; with null, every endpoint.</summary>
    Task<IReadOnlyList<WebhookEndpoint>> ListEndpointsAsync(string? ownerKey, CancellationToken ct);

    Task<WebhookEndpoint?> GetEndpointAsync(string id, CancellationToken ct);
    Task<bool> RotateSecretAsync(string id, string protectedSecret, DateTimeOffset previousUntil, CancellationToken ct);

    /// <summary>Removes the endpoint and the deliveries still waiting for it.</summary>
    Task<bool> RemoveEndpointAsync(string id, CancellationToken ct);

    /// <summary>
    /// Leases due deliveries. A delivery waits while an older delivery of the same subject to the same endpoint is
    /// still pending, so each endpoint sees one subject's events in order. The lease needs no transaction: where the
    /// store can, it commits on its own, so call it alone in its session.
    /// </summary>
    Task<IReadOnlyList<ClaimedWebhook>> ClaimAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken ct);

    Task MarkDeliveredAsync(long id, string owner, DateTimeOffset at, CancellationToken ct);
    Task ScheduleRetryAsync(long id, string owner, DateTimeOffset next, string error, CancellationToken ct);
    Task MarkDeadAsync(long id, string owner, DateTimeOffset at, string error, CancellationToken ct);
    Task ReleaseAsync(string owner, CancellationToken ct);

    Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string endpointId, string? state, int max, CancellationToken ct);

    /// <summary>Makes dead deliveries of the endpoint (all, or one) pending again, due now. Returns how many.</summary>
    Task<int> ReplayAsync(string endpointId, long? deliveryId, DateTimeOffset now, CancellationToken ct);
}
