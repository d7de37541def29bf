namespace Verigate.Core.Webhooks;

/// <summary>A leased delivery with what sending it needs.</summary>
public sealed record ClaimedWebhook(WebhookDelivery Delivery, WebhookEvent Event, WebhookEndpoint Endpoint);
