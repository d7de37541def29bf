namespace Verigate.Core.Webhooks;

/// <summary>One event on its way to one endpoint: pending, delivered, or dead (retries ran out; can be replayed).</summary>
public sealed record WebhookDelivery(
    long Id,
    string EventId,
    string EndpointId,
    string Subject,
    string State,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt)
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Dead = "dead";
}
