using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Verigate.Core.Results;
using Verigate.Core.Storage;
using Verigate.Core.Webhooks;

namespace Verigate.Server.Webhooks;

/// <summary>
/// Managing endpoints, for the HTTP API (an API key sees only its own endpoints) and the admin CLI (the operator,
/// <c>owner</c> null, sees every endpoint; endpoints it adds receive every event).
/// </summary>
public sealed class WebhookEndpoints(IStore store, WebhookSecrets secrets, WebhookOptions options, TimeProvider time)
{
    public const int MaxUrlLength = 2000;

    public async Task<Result<(WebhookEndpoint Endpoint, string Secret)>> AddAsync(string? owner, string url, IReadOnlyList<string>? eventTypes, CancellationToken ct)
    {
        if (await UrlErrorAsync(url, ct) is { } badUrl)
        {
            return badUrl;
        }

        var types = eventTypes ?? [];
        if (types.FirstOrDefault(t => t != "*" && !WebhookEventTypes.All.Contains(t)) is { } unknown)
        {
            return Error.InvalidRequest("events", $"Unknown event type '{Shorten(unknown)}'; known: {string.Join(", ", WebhookEventTypes.All.Order())}.");
        }

        var secret = WebhookSignature.NewSecret();
        var endpoint = new WebhookEndpoint("whe_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)), owner, url,
            secrets.Protect(secret), null, null, types.Contains("*") ? [] : types.Distinct().ToList(), time.GetUtcNow());
        await using var tx = await store.BeginWriteAsync(ct);
        await tx.Webhooks.AddEndpointAsync(endpoint, ct);
        await tx.CommitAsync(ct);
        return (endpoint, secret);
    }

    public async Task<IReadOnlyList<WebhookEndpoint>> ListAsync(string? owner, CancellationToken ct)
    {
        await using var read = await store.OpenReadAsync(ct);
        return await read.Webhooks.ListEndpointsAsync(owner, ct);
    }

    /// <summary>A new secret; the old one keeps signing alongside it for <see cref="WebhookOptions.PreviousSecretValidFor"/>.</summary>
    public async Task<Result<string>> RotateSecretAsync(string? owner, string id, CancellationToken ct)
    {
        var secret = WebhookSignature.NewSecret();
        // Protected before the transaction: protecting may load the key ring from the database, on a connection of its own.
        var protectedSecret = secrets.Protect(secret);
        await using var tx = await store.BeginWriteAsync(ct);
        if (await FindAsync(tx, owner, id, ct) is null
            || !await tx.Webhooks.RotateSecretAsync(id, protectedSecret, time.GetUtcNow() + options.PreviousSecretValidFor, ct))
        {
            return NotFound();
        }

        await tx.CommitAsync(ct);
        return secret;
    }

    public async Task<Result<bool>> RemoveAsync(string? owner, string id, CancellationToken ct)
    {
        await using var tx = await store.BeginWriteAsync(ct);
        if (await FindAsync(tx, owner, id, ct) is null || !await tx.Webhooks.RemoveEndpointAsync(id, ct))
        {
            return NotFound();
        }

        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<Result<IReadOnlyList<WebhookDelivery>>> DeliveriesAsync(string? owner, string id, string? state, int max, CancellationToken ct)
    {
        if (state is not (null or WebhookDelivery.Pending or WebhookDelivery.Delivered or WebhookDelivery.Dead))
        {
            return Error.InvalidRequest("state", "state must be pending, delivered or dead.");
        }

        await using var read = await store.OpenReadAsync(ct);
        return await FindAsync(read, owner, id, ct) is null
            ? NotFound()
            : Result<IReadOnlyList<WebhookDelivery>>.Success(await read.Webhooks.ListDeliveriesAsync(id, state, max, ct));
    }

    /// <summary>Sends dead deliveries (all of the endpoint's, or one) again, from now, with a fresh retry budget.</summary>
    public async Task<Result<int>> ReplayAsync(string? owner, string id, long? deliveryId, CancellationToken ct)
    {
        await using var tx = await store.BeginWriteAsync(ct);
        if (await FindAsync(tx, owner, id, ct) is null)
        {
            return NotFound();
        }

        var replayed = await tx.Webhooks.ReplayAsync(id, deliveryId, time.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        return replayed;
    }

    private static async Task<WebhookEndpoint?> FindAsync(IStoreSession session, string? owner, string id, CancellationToken ct)
    {
        if (id.Length > 64)
        {
            return null;
        }

        var endpoint = await session.Webhooks.GetEndpointAsync(id, ct);
        return endpoint is not null && (owner is null || endpoint.OwnerKey == owner) ? endpoint : null;
    }

    /// <summary>
    /// https only (unless <see cref="WebhookOptions.AllowInsecureUrls"/>), and a host that resolves to public addresses
    /// only (unless <see cref="WebhookOptions.AllowPrivateAddresses"/>). The dispatcher checks the address again at
    /// every connection: what a name resolves to today proves nothing about tomorrow.
    /// </summary>
    private async Task<Error?> UrlErrorAsync(string url, CancellationToken ct)
    {
        if (url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
            || !string.IsNullOrEmpty(uri.UserInfo) || string.IsNullOrEmpty(uri.Host))
        {
            return Error.InvalidRequest("url", "url must be an absolute https:// URL without credentials.");
        }

        if (uri.Scheme == "http" && !options.AllowInsecureUrls)
        {
            return new Error(ErrorCodes.WebhookUrlInsecure, "url must use https://.", "url");
        }

        if (options.AllowPrivateAddresses)
        {
            return null;
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.IdnHost, ct);
        }
        catch (SocketException)
        {
            addresses = [];
        }

        if (addresses.Length == 0)
        {
            return new Error(ErrorCodes.WebhookUrlUnresolvable, "The url's host name does not resolve.", "url");
        }

        // Every address, not just one: a name with one public and one private address would reach the private one
        // whenever the resolver puts it first.
        return addresses.Any(WebhookAddresses.IsForbidden)
            ? new Error(ErrorCodes.WebhookUrlForbidden, WebhookAddresses.ForbiddenMessage, "url")
            : null;
    }

    private static string Shorten(string value) => value.Length > 40 ? value[..40] : value;

    private static Error NotFound() => new(ErrorCodes.WebhookNotFound, "No webhook endpoint with this id.");
}
