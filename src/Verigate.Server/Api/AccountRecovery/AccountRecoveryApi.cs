using Microsoft.AspNetCore.Http.HttpResults;
using Verigate.Core.AccountRecovery;
using Verigate.Core.Accounts;
using Verigate.Core.Challenges;
using Verigate.Core.Destinations;
using Verigate.Core.SignIn;
using Verigate.Server.Api.Auth;
using Verigate.Server.Api.Idempotency;
using Verigate.Server.Api.Json;
using Verigate.Server.Api.Problems;

namespace Verigate.Server.Api.AccountRecovery;

/// <summary>
/// Account recovery for a lost second factor: password, then a code to a verified contact, then a waiting period
/// during which the owner can cancel (signed in here, or by the link in the notice).
/// </summary>
public static class AccountRecoveryApi
{
    public static IEndpointRouteBuilder MapAccountRecovery(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/account-recovery").WithTags("Account API");
        group.MapPost("/", StartAsync).WithIdempotency().Accepts<StartAccountRecoveryRequest>("application/json");
        group.MapPost("/{challengeId}/confirm", ConfirmAsync).Accepts<ConfirmAccountRecoveryRequest>("application/json");
        group.MapGet("/{recoveryId}", GetAsync);
        routes.MapDelete("/v1/me/account-recovery", CancelAsync).RequireAuthorization(AuthSchemes.Session).WithTags("Account API");
        return routes;
    }

    private static async Task<Results<Accepted<AccountRecoveryStartedResponse>, ProblemHttpResult>> StartAsync(
        HttpContext http, AccountRecoveryFlow recovery, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<StartAccountRecoveryRequest>(http);
        if (!body.IsSuccess)
        {
            return ProblemResults.From(http, body.Error);
        }

        var r = body.Value;
        if (Fields.First(Fields.Required(r.Login, "login", LoginResolver.MaxLength), Fields.Required(r.Password, "password", PasswordPolicy.MaxLength * 4)) is { } bad)
        {
            return ProblemResults.From(http, bad);
        }

        var started = await recovery.StartAsync(r.Login!, r.Password!, ClientContextFactory.From(http), ct);
        return started.IsSuccess
            ? TypedResults.Accepted((string?)null, new AccountRecoveryStartedResponse(
                started.Value.ChallengeId, started.Value.Channel.ToWire(), started.Value.MaskedTo, Rfc3339.Utc(started.Value.ExpiresAt)))
            : ProblemResults.From(http, started.Error);
    }

    private static async Task<Results<Accepted<AccountRecoveryResponse>, ProblemHttpResult>> ConfirmAsync(
        string challengeId, HttpContext http, AccountRecoveryFlow recovery, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<ConfirmAccountRecoveryRequest>(http);
        if (!body.IsSuccess)
        {
            return ProblemResults.From(http, body.Error);
        }

        if (CodeFormat.Validate(body.Value.Code) is { } bad)
        {
            return ProblemResults.From(http, bad);
        }

        var opened = await recovery.ConfirmAsync(challengeId, body.Value.Code!, ClientContextFactory.From(http), ct);
        return opened.IsSuccess
            ? TypedResults.Accepted($"/v1/account-recovery/{opened.Value.Id}", AccountRecoveryResponse.From(opened.Value))
            : ProblemResults.From(http, opened.Error);
    }

    private static async Task<Results<Ok<AccountRecoveryResponse>, ProblemHttpResult>> GetAsync(
        string recoveryId, HttpContext http, AccountRecoveryFlow recovery, CancellationToken ct)
    {
        var found = await recovery.GetAsync(recoveryId, ct);
        return found.IsSuccess ? TypedResults.Ok(AccountRecoveryResponse.From(found.Value)) : ProblemResults.From(http, found.Error);
    }

    private static async Task<Results<Ok<AccountRecoveryResponse>, ProblemHttpResult>> CancelAsync(
        HttpContext http, AccountRecoveryFlow recovery, CancellationToken ct)
    {
        var canceled = await recovery.CancelAsync(http.User.UserId(), ClientContextFactory.From(http), ct);
        return canceled.IsSuccess ? TypedResults.Ok(AccountRecoveryResponse.From(canceled.Value)) : ProblemResults.From(http, canceled.Error);
    }
}
