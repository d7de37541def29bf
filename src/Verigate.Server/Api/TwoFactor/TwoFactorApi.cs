using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Verigate.Core;
using Verigate.Core.Accounts;
using Verigate.Core.Results;
using Verigate.Core.Sessions;
using Verigate.Core.TwoFactor;
using Verigate.Server.Api.Auth;
using Verigate.Server.Api.Json;
using Verigate.Server.Api.Problems;

namespace Verigate.Server.Api.TwoFactor;

/// <summary>Re-authentication, the authenticator app and recovery codes of the signed-in person.</summary>
public static class TwoFactorApi
{
    public static RouteGroupBuilder MapTwoFactor(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/me").RequireAuthorization(AuthSchemes.Session).WithTags("Account API");
        group.MapPost("/reauthenticate", ReauthenticateAsync).Accepts<ReauthenticateRequest>("application/json");
        group.MapPost("/totp", StartTotpAsync);
        group.MapPost("/totp/confirm", ConfirmTotpAsync).Accepts<ConfirmTotpRequest>("application/json");
        group.MapDelete("/totp", DisableTotpAsync).Accepts<DisableTotpRequest>("application/json");
        group.MapPost("/recovery-codes", RegenerateRecoveryCodesAsync);
        return group;
    }

    private static async Task<Results<Ok<ReauthenticatedResponse>, ProblemHttpResult>> ReauthenticateAsync(
        HttpContext http, Reauthentication reauthentication, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<ReauthenticateRequest>(http);
        if (!body.IsSuccess)
        {
            return ProblemResults.From(http, body.Error);
        }

        var r = body.Value;
        if (Fields.Required(r.Password, "password", PasswordPolicy.MaxLength * 4) is { } bad)
        {
            return ProblemResults.From(http, bad);
        }

        var factor = SecondFactorFields.Read(r.Totp, r.RecoveryCode);
        if (!factor.IsSuccess)
        {
            return ProblemResults.From(http, factor.Error);
        }

        var fresh = await reauthentication.ReauthenticateAsync(
            http.User.UserId(), http.User.SessionId(), r.Password!, factor.Value, ClientContextFactory.From(http), ct);
        return fresh.IsSuccess ? TypedResults.Ok(new ReauthenticatedResponse(Rfc3339.Utc(fresh.Value))) : ProblemResults.From(http, fresh.Error);
    }

    private static async Task<Results<Created<TotpEnrolmentResponse>, ProblemHttpResult>> StartTotpAsync(
        HttpContext http, TwoFactorSettings settings, IOptions<VerigateOptions> options, CancellationToken ct)
    {
        var started = await settings.StartTotpAsync(http.User.UserId(), http.User.AuthenticatedAt(), options.Value.ProductName, ClientContextFactory.From(http), ct);
        return started.IsSuccess
            ? TypedResults.Created((string?)null, new TotpEnrolmentResponse(started.Value.Secret, started.Value.OtpauthUri, QrSvg.For(started.Value.OtpauthUri)))
            : ProblemResults.From(http, started.Error);
    }

    private static async Task<Results<Ok<RecoveryCodesResponse>, ProblemHttpResult>> ConfirmTotpAsync(
        HttpContext http, TwoFactorSettings settings, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<ConfirmTotpRequest>(http);
        if (!body.IsSuccess)
        {
            return ProblemResults.From(http, body.Error);
        }

        if (body.Value.Code is null || !Totp.IsWellFormed(body.Value.Code))
        {
            return ProblemResults.From(http, Error.InvalidRequest("code", $"'code' must be exactly {Totp.Digits} digits 0-9."));
        }

        var confirmed = await settings.ConfirmTotpAsync(http.User.UserId(), body.Value.Code, ClientContextFactory.From(http), ct);
        return confirmed.IsSuccess ? TypedResults.Ok(new RecoveryCodesResponse(confirmed.Value)) : ProblemResults.From(http, confirmed.Error);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DisableTotpAsync(
        HttpContext http, TwoFactorSettings settings, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<DisableTotpRequest>(http);
        if (!body.IsSuccess)
        {
            return ProblemResults.From(http, body.Error);
        }

        var factor = SecondFactorFields.Read(body.Value.Totp, body.Value.RecoveryCode);
        if (!factor.IsSuccess)
        {
            return ProblemResults.From(http, factor.Error);
        }

        if (factor.Value is null)
        {
            return ProblemResults.From(http, new Error(ErrorCodes.SecondFactorRequired, "Send 'totp' or 'recoveryCode' to turn the authenticator app off.", "totp"));
        }

        var disabled = await settings.DisableTotpAsync(http.User.UserId(), http.User.AuthenticatedAt(), factor.Value, ClientContextFactory.From(http), ct);
        return disabled.IsSuccess ? TypedResults.NoContent() : ProblemResults.From(http, disabled.Error);
    }

    private static async Task<Results<Created<RecoveryCodesResponse>, ProblemHttpResult>> RegenerateRecoveryCodesAsync(
        HttpContext http, TwoFactorSettings settings, CancellationToken ct)
    {
        var codes = await settings.RegenerateRecoveryCodesAsync(http.User.UserId(), http.User.AuthenticatedAt(), ClientContextFactory.From(http), ct);
        return codes.IsSuccess ? TypedResults.Created((string?)null, new RecoveryCodesResponse(codes.Value)) : ProblemResults.From(http, codes.Error);
    }
}
