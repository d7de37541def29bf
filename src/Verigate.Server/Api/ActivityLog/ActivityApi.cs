using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Verigate.Core.ActivityLog;
using Verigate.Server.Api.Auth;
using Verigate.Server.Api.Problems;

namespace Verigate.Server.Api.ActivityLog;

/// <summary>
/// The signed-in person's security events, newest first. The body is the page (a JSON array); a further page is
/// announced in a <c>Link: &lt;/v1/me/activity?cursor=…&gt;; rel="next"</c> header (RFC 8288), absent on the last page.
/// </summary>
public static class ActivityApi
{
    public static IEndpointRouteBuilder MapActivity(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/me/activity", ListAsync).RequireAuthorization(AuthSchemes.Session).WithTags("Account API");
        return routes;
    }

    private static async Task<Results<Ok<List<ActivityEntryResponse>>, ProblemHttpResult>> ListAsync(
        HttpContext http, AccountActivity activity, [FromQuery] string? cursor, [FromQuery] int? limit, CancellationToken ct)
    {
        var page = await activity.ListAsync(http.User.UserId(), cursor, limit, ct);
        if (!page.IsSuccess)
        {
            return ProblemResults.From(http, page.Error);
        }

        if (page.Value.NextCursor is { } next)
        {
            var query = $"cursor={Uri.EscapeDataString(next)}" + (limit is { } l ? $"&limit={l}" : string.Empty);
            http.Response.Headers.Link = $"</v1/me/activity?{query}>; rel=\"next\"";
        }

        return TypedResults.Ok(page.Value.Entries.Select(ActivityEntryResponse.From).ToList());
    }
}
