namespace Verigate.Core.Webhooks;

/// <summary>
/// One event, written in the same transaction as the state change it reports. <see cref="Subject"/> orders
/// delivery (a challenge id, "user:42", "prefix:+4917012"); <see cref="OwnerKey"/> is the API key whose
/// endpoints may see it, or null for deployment-wide events every endpoint may see.
/// </summary>
public sealed record WebhookEvent(string Id, string Type, string Subject, string? OwnerKey, string Payload, DateTimeOffset CreatedAt);
