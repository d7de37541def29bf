using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Verigate.Core.Results;
using Verigate.Server.Api.Auth;
using Verigate.Server.Api.Json;
using Verigate.Server.Api.Problems;
using Verigate.Server.Webhooks;

namespace Verigate.Server.Api.Webhooks;

/// <summary>Webhook endpoints, managed by API key: each key sees and changes only its own endpoints.</summary>
public static class WebhooksApi
{
    public const int MaxEventTypes = 32;

    public static RouteGroupBuilder MapWebhooks(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/webhooks").RequireAuthorization(AuthSchemes.ApiKey).WithTags("Webhooks");
        group.MapPost("/", CreateAsync).Accepts<CreateWebhookRequest>("application/json");
        group.MapGet("/", ListAsync);
        group.MapDelete("/{id}", RemoveAsync);
        group.MapPost("/{id}/rotate-secret", RotateAsync);
        group.MapGet("/{id}/deliveries", DeliveriesAsync);
        group.MapPost("/{id}/replay", ReplayAsync).Accepts<WebhookReplayRequest>("application/json");
        return group;
    }

    private static async Task<Results<Created<WebhookSecretResponse>, ProblemHttpResult>> CreateAsync(HttpContext http, WebhookEndpoints endpoints, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<CreateWebhookRequest>(http);
        if (!body.IsSuccess)
        {
            return ProblemResults.From(http, body.Error);
        }

        var r = body.Value;
        if (Fields.Required(r.Url, "url", WebhookEndpoints.MaxUrlLength) is { } bad)
        {
            return ProblemResults.From(http, bad);
        }

        if (r.Events is { Count: > MaxEventTypes } || r.Events?.Any(e => e is null) == true)
        {
            return ProblemResults.From(http, Error.InvalidRequest("events", $"events must be a list of at most {MaxEventTypes} event types."));
        }

        var added = await endpoints.AddAsync(http.User.ApiKeyId(), r.Url!, r.Events, ct);
        if (!added.IsSuccess)
        {
            return ProblemResults.From(http, added.Error);
        }

        var (endpoint, secret) = added.Value;
        var shown = WebhookEndpointResponse.From(endpoint);
        return TypedResults.Created($"/v1/webhooks/{endpoint.Id}", new WebhookSecretResponse(endpoint.Id, endpoint.Url, shown.Events, secret));
    }

    private static async Task<Ok<WebhookListResponse>> ListAsync(HttpContext http, WebhookEndpoints endpoints, CancellationToken ct) =>
        TypedResults.Ok(new WebhookListResponse([.. (await endpoints.ListAsync(http.User.ApiKeyId(), ct)).Select(WebhookEndpointResponse.From)]));

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(string id, HttpContext http, WebhookEndpoints endpoints, CancellationToken ct)
    {
        var removed = await endpoints.RemoveAsync(http.User.ApiKeyId(), id, ct);
        return removed.IsSuccess ? TypedResults.NoContent() : ProblemResults.From(http, removed.Error);
    }

    private static async Task<Results<Ok<WebhookSecretResponse>, ProblemHttpResult>> RotateAsync(string id, HttpContext http, WebhookEndpoints endpoints, CancellationToken ct)
    {
        var rotated = await endpoints.RotateSecretAsync(http.User.ApiKeyId(), id, ct);
        if (!rotated.IsSuccess)
        {
            return ProblemResults.From(http, rotated.Error);
        }

        var endpoint = (await endpoints.ListAsync(http.User.ApiKeyId(), ct)).First(e => e.Id == id);
        return TypedResults.Ok(new WebhookSecretResponse(id, endpoint.Url, WebhookEndpointResponse.From(endpoint).Events, rotated.Value));
    }

    private static async Task<Results<Ok<WebhookDeliveryListResponse>, ProblemHttpResult>> DeliveriesAsync(
        string id, string? state, HttpContext http, WebhookEndpoints endpoints, CancellationToken ct)
    {
        var listed = await endpoints.DeliveriesAsync(http.User.ApiKeyId(), id, state, 100, ct);
        return listed.IsSuccess
            ? TypedResults.Ok(new WebhookDeliveryListResponse([.. listed.Value.Select(WebhookDeliveryResponse.From)]))
            : ProblemResults.From(http, listed.Error);
    }

    private static async Task<Results<Ok<WebhookReplayResponse>, ProblemHttpResult>> ReplayAsync(string id, HttpContext http, WebhookEndpoints endpoints, CancellationToken ct)
    {
        var body = await JsonBody.ReadOptionalAsync(http, new WebhookReplayRequest(null));
        if (!body.IsSuccess)
        {
            return ProblemResults.From(http, body.Error);
        }

        long? deliveryId = null;
        if (body.Value.DeliveryId is { } raw)
        {
            if (!long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed <= 0)
            {
                return ProblemResults.From(http, Error.InvalidRequest("deliveryId", "deliveryId must be the id of one of this endpoint's deliveries."));
            }

            deliveryId = parsed;
        }

        var replayed = await endpoints.ReplayAsync(http.User.ApiKeyId(), id, deliveryId, ct);
        return replayed.IsSuccess ? TypedResults.Ok(new WebhookReplayResponse(replayed.Value)) : ProblemResults.From(http, replayed.Error);
    }
}
