using Verigate.Core.Webhooks;
using Verigate.Server.Api.Json;

namespace Verigate.Server.Api.Webhooks;

public sealed record CreateWebhookRequest(string? Url, IReadOnlyList<string>? Events);

public sealed record WebhookEndpointResponse(string Id, string Url, IReadOnlyList<string> Events, DateTime CreatedAt, DateTime? PreviousSecretValidUntil)
{
    public static WebhookEndpointResponse From(WebhookEndpoint e) =>
        new(e.Id, e.Url, e.EventTypes.Count == 0 ? ["*"] : e.EventTypes, Rfc3339.Utc(e.CreatedAt), e.PreviousUntil is { } until ? Rfc3339.Utc(until) : null);
}

/// <summary>The only answers that carry a secret: creation and rotation. It is not shown again.</summary>
public sealed record WebhookSecretResponse(string Id, string Url, IReadOnlyList<string> Events, string Secret);

public sealed record WebhookListResponse(IReadOnlyList<WebhookEndpointResponse> Endpoints);

public sealed record WebhookDeliveryResponse(string Id, string EventId, string Subject, string State, int Attempts, DateTime NextAttemptAt, string? LastError, DateTime CreatedAt, DateTime? FinishedAt)
{
    public static WebhookDeliveryResponse From(WebhookDelivery d) => new(
        d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), d.EventId, d.Subject, d.State, d.Attempts, Rfc3339.Utc(d.NextAttemptAt), d.LastError,
        Rfc3339.Utc(d.CreatedAt), d.FinishedAt is { } f ? Rfc3339.Utc(f) : null);
}

public sealed record WebhookDeliveryListResponse(IReadOnlyList<WebhookDeliveryResponse> Deliveries);

public sealed record WebhookReplayRequest(string? DeliveryId);

public sealed record WebhookReplayResponse(int Replayed);
