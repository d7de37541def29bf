namespace Verigate.Core.Webhooks;

/// <summary>
/// A URL that receives signed events. <see cref="OwnerKey"/> is the API key that manages it (null: added by an
/// operator with the CLI). Secrets are stored protected (Data Protection), never in clear.
/// </summary>
public sealed record WebhookEndpoint(
    string Id,
    string? OwnerKey,
    string Url,
    string ProtectedSecret,
    string? PreviousProtectedSecret,
    DateTimeOffset? PreviousUntil,
    IReadOnlyList<string> EventTypes,
    DateTimeOffset CreatedAt)
{
    public bool Wants(string type) => EventTypes.Count == 0 || EventTypes.Contains("*") || EventTypes.Contains(type);
}
