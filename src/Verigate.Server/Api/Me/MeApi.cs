using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Verigate.Core.Accounts;
using Verigate.Server.Api.Accounts;
using Verigate.Server.Api.Auth;
using Verigate.Server.Api.Problems;

namespace Verigate.Server.Api.Me;

/// <summary>The signed-in person's own account.</summary>
public static class MeApi
{
    public static IEndpointRouteBuilder MapMe(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/me", GetAsync).RequireAuthorization(AuthSchemes.Session).WithTags("Account API");
        return routes;
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
            p.Contacts.Select(ContactResponse.From).ToList(),
            p.Devices.Select(d => DeviceResponse.From(d, p.CurrentDeviceId)).ToList(),
            new TwoFactorResponse(false, 0)));
    }
}
