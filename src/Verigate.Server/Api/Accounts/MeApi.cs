using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Verigate.Core.Accounts;
using Verigate.Core.Identifiers;
using Verigate.Server.Api.Auth;
using Verigate.Server.Api.Json;
using Verigate.Server.Api.Problems;
using Verigate.Server.Api.SignUp;

namespace Verigate.Server.Api.Accounts;

/// <summary>The signed-in person's own account.</summary>
public static class MeApi
{
    public static IEndpointRouteBuilder MapMe(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/me", GetAsync).RequireAuthorization(AuthSchemes.Session).WithTags("Account API");
        routes.MapPatch("/v1/me", UpdateAsync).RequireAuthorization(AuthSchemes.Session).WithTags("Account API").Accepts<UpdateMeRequest>("application/json");
        return routes;
    }

    private static async Task<Results<Ok<PublicUserResponse>, ProblemHttpResult>> UpdateAsync(HttpContext http, UsernameChange usernames, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<UpdateMeRequest>(http);
        if (!body.IsSuccess)
        {
            return ProblemResults.From(http, body.Error);
        }

        if (Fields.Required(body.Value.Username, "username", UsernameRules.MaxLength * 4) is { } bad)
        {
            return ProblemResults.From(http, bad);
        }

        var renamed = await usernames.ChangeAsync(http.User.UserId(), http.User.AuthenticatedAt(), body.Value.Username!, ClientContextFactory.From(http), ct);
        return renamed.IsSuccess ? TypedResults.Ok(PublicUserResponse.From(renamed.Value)) : ProblemResults.From(http, renamed.Error);
    }

    private static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> GetAsync(HttpContext http, AccountDirectory accounts, CancellationToken ct)
    {
        var profile = await accounts.ProfileAsync(http.User.UserId(), http.User.DeviceId(), ct);
        if (!profile.IsSuccess)
        {
            return ProblemResults.From(http, profile.Error);
        }

        var p = profile.Value;
        return TypedResults.Ok(new MeResponse(
            p.Account.UserId.ToString(CultureInfo.InvariantCulture), p.Account.Username,
            ContactResponse.ListOf(p.Contacts),
            p.Devices.Select(d => DeviceResponse.From(d, p.CurrentDeviceId)).ToList(),
            new TwoFactorResponse(p.TwoFactor.Totp, p.TwoFactor.Passkeys, p.TwoFactor.RecoveryCodesRemaining)));
    }
}
