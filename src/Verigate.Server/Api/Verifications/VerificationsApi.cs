using Microsoft.AspNetCore.Http.HttpResults;
using Verigate.Core.Challenges;
using Verigate.Core.Destinations;
using Verigate.Core.Verifications;
using Verigate.Server.Api.Auth;
using Verigate.Server.Api.Idempotency;
using Verigate.Server.Api.Json;
using Verigate.Server.Api.Problems;

namespace Verigate.Server.Api.Verifications;

/// <summary>The Verify API (integrators, API key): start, resend, check, read and cancel verifications.</summary>
public static class VerificationsApi
{
    public static RouteGroupBuilder MapVerifications(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/verifications").RequireAuthorization(AuthSchemes.ApiKey).WithTags("Verify API");
        group.MapPost("/", StartAsync).WithIdempotency().Accepts<StartVerificationRequest>("application/json");
        group.MapPost("/{id}/resend", ResendAsync).WithIdempotency().Accepts<ResendVerificationRequest>("application/json");
        group.MapPost("/{id}/check", CheckAsync).Accepts<CheckVerificationRequest>("application/json");
        group.MapGet("/{id}", GetAsync);
        group.MapPost("/{id}/cancel", CancelAsync);
        return group;
    }

    private static async Task<Results<Created<VerificationResponse>, ProblemHttpResult>> StartAsync(
        HttpContext http, VerificationService service, TimeProvider time, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<StartVerificationRequest>(http);
        if (!body.IsSuccess)
        {
            return ProblemResults.From(http, body.Error);
        }

        var r = body.Value;
        if (Fields.First(
                Fields.Required(r.To, "to", DestinationParser.MaxEmailLength),
                Fields.Required(r.Channel, "channel", 16),
                Fields.Optional(r.Purpose, "purpose", 32),
                Fields.Optional(r.Locale, "locale", VerificationService.MaxLocaleLength),
                Fields.Optional(r.ClientIp, "clientIp", 64)) is { } bad)
        {
            return ProblemResults.From(http, bad);
        }

        var started = await service.StartAsync(http.User.ApiKeyId(), new StartVerification(r.To, r.Channel, r.Purpose, r.Locale, r.CodeLength, r.ClientIp), ct);
        return started.IsSuccess
            ? TypedResults.Created($"/v1/verifications/{started.Value.Id}", VerificationResponse.From(started.Value, time.GetUtcNow()))
            : ProblemResults.From(http, started.Error);
    }

    private static async Task<Results<Accepted<VerificationResentResponse>, ProblemHttpResult>> ResendAsync(
        string id, HttpContext http, VerificationService service, CancellationToken ct)
    {
        var body = await JsonBody.ReadOptionalAsync(http, new ResendVerificationRequest(null));
        if (!body.IsSuccess)
        {
            return ProblemResults.From(http, body.Error);
        }

        if (Fields.Optional(body.Value.Channel, "channel", 16) is { } bad)
        {
            return ProblemResults.From(http, bad);
        }

        var resent = await service.ResendAsync(http.User.ApiKeyId(), id, body.Value.Channel, ct);
        return resent.IsSuccess
            ? TypedResults.Accepted((string?)null, new VerificationResentResponse(resent.Value.Id, resent.Value.Destination.Channel.ToWire(), Rfc3339.Utc(resent.Value.NextSendAt)))
            : ProblemResults.From(http, resent.Error);
    }

    private static async Task<Results<Ok<VerificationStatusResponse>, ProblemHttpResult>> CheckAsync(
        string id, HttpContext http, VerificationService service, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<CheckVerificationRequest>(http);
        if (!body.IsSuccess)
        {
            return ProblemResults.From(http, body.Error);
        }

        if (CodeFormat.Validate(body.Value.Code) is { } bad)
        {
            return ProblemResults.From(http, bad);
        }

        var checkedCode = await service.CheckAsync(http.User.ApiKeyId(), id, body.Value.Code!, ct);
        return checkedCode.IsSuccess
            ? TypedResults.Ok(new VerificationStatusResponse(checkedCode.Value.Id, checkedCode.Value.Status.ToWireName()))
            : ProblemResults.From(http, checkedCode.Error);
    }

    private static async Task<Results<Ok<VerificationDetailsResponse>, ProblemHttpResult>> GetAsync(
        string id, HttpContext http, VerificationService service, TimeProvider time, CancellationToken ct)
    {
        var found = await service.GetAsync(http.User.ApiKeyId(), id, ct);
        if (!found.IsSuccess)
        {
            return ProblemResults.From(http, found.Error);
        }

        var c = found.Value.Challenge;
        return TypedResults.Ok(new VerificationDetailsResponse(
            c.Id, c.StatusAt(time.GetUtcNow()).ToWireName(), c.Destination.Masked, c.Destination.Channel.ToWire(), c.Label ?? "verify",
            Rfc3339.Utc(c.ExpiresAt), c.AttemptsRemaining, found.Value.Deliveries.Select(VerificationDeliveryResponse.From).ToList()));
    }

    private static async Task<Results<Ok<VerificationStatusResponse>, ProblemHttpResult>> CancelAsync(
        string id, HttpContext http, VerificationService service, CancellationToken ct)
    {
        var canceled = await service.CancelAsync(http.User.ApiKeyId(), id, ct);
        return canceled.IsSuccess
            ? TypedResults.Ok(new VerificationStatusResponse(canceled.Value.Id, canceled.Value.Status.ToWireName()))
            : ProblemResults.From(http, canceled.Error);
    }
}
