using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Verigate.Core.Storage;

namespace Verigate.Core.Webhooks;

/// <summary>
/// Writes an event in the caller's transaction, shaped the Standard Webhooks way: <c>{"type", "timestamp", "data"}</c>.
/// Payloads carry masked destinations only, never a code or secret.
/// </summary>
public static class WebhookPublisher
{
    public static Task PublishAsync(IStoreSession tx, string type, string subject, string? ownerKey, JsonObject data, DateTimeOffset now, CancellationToken ct)
    {
        var id = "msg_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var payload = new JsonObject
        {
            ["type"] = type,
            ["timestamp"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["data"] = data,
        };
        return tx.Webhooks.PublishAsync(new WebhookEvent(id, type, subject, ownerKey, payload.ToJsonString(JsonOptions), now), ct);
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };
}
