using Microsoft.AspNetCore.Http.HttpResults;
using Verigate.Core.SupportPins;
using Verigate.Server.Api.Auth;
using Verigate.Server.Api.Json;
using Verigate.Server.Api.Problems;

namespace Verigate.Server.Api.SupportPins;

/// <summary>The support PIN of the signed-in person: a new one replaces the previous one.</summary>
public static class SupportPinApi
{
    public static IEndpointRouteBuilder MapSupportPin(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/me/support-pin", CreateAsync).RequireAuthorization(AuthSchemes.Session).WithTags("Account API");
        return routes;
    }

    private static async Task<Results<Created<SupportPinResponse>, ProblemHttpResult>> CreateAsync(HttpContext http, SupportPinService pins, CancellationToken ct)
    {
        var pin = await pins.CreateAsync(http.User.UserId(), ClientContextFactory.From(http), ct);
        if (!pin.IsSuccess)
        {
            return ProblemResults.From(http, pin.Error);
        }

        // The PIN is a secret for the next ten minutes: no cache may keep the answer.
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created((string?)null, new SupportPinResponse(pin.Value.Pin, Rfc3339.Utc(pin.Value.ExpiresAt)));
    }
}
