using Microsoft.AspNetCore.Http.HttpResults;
using Verigate.Core.Results;
using Verigate.Core.Sessions;
using Verigate.Server.Api.Auth;
using Verigate.Server.Api.Problems;

namespace Verigate.Server.Api.Sessions;

/// <summary>
/// The signed-in person's sessions: list them, end one, sign out, end every other one. None needs a fresh session:
/// each only takes access away (docs/api.md, "Sessions and devices").
/// </summary>
public static class SessionManagementApi
{
    public static IEndpointRouteBuilder MapSessionManagement(this IEndpointRouteBuilder routes)
    {
        var me = routes.MapGroup("/v1/me/sessions").RequireAuthorization(AuthSchemes.Session).WithTags("Account API");
        me.MapGet("/", ListAsync);
        me.MapDelete("/{sessionId}", RevokeAsync);
        me.MapPost("/revoke-others", RevokeOthersAsync);
        routes.MapDelete("/v1/sessions/current", SignOutAsync).RequireAuthorization(AuthSchemes.Session).WithTags("Account API");
        return routes;
    }

    private static async Task<Ok<List<SessionInfoResponse>>> ListAsync(HttpContext http, AccountSessions sessions, CancellationToken ct) =>
        TypedResults.Ok((await sessions.ListAsync(http.User.UserId(), http.User.SessionId(), ct)).Select(SessionInfoResponse.From).ToList());

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(string sessionId, HttpContext http, AccountSessions sessions, CancellationToken ct)
    {
        if (!SessionIds.IsWellFormed(sessionId))
        {
            return ProblemResults.From(http, Error.InvalidRequest("sessionId", "'sessionId' is not a session id (ses_ and 16 characters)."));
        }

        var revoked = await sessions.RevokeAsync(http.User.UserId(), http.User.SessionId(), sessionId, ClientContextFactory.From(http), ct);
        return revoked.IsSuccess ? TypedResults.NoContent() : ProblemResults.From(http, revoked.Error);
    }

    private static async Task<Ok<RevokedSessionsResponse>> RevokeOthersAsync(HttpContext http, AccountSessions sessions, CancellationToken ct) =>
        TypedResults.Ok(new RevokedSessionsResponse(
            await sessions.RevokeOthersAsync(http.User.UserId(), http.User.SessionId(), ClientContextFactory.From(http), ct)));

    private static async Task<NoContent> SignOutAsync(HttpContext http, AccountSessions sessions, CancellationToken ct)
    {
        await sessions.SignOutAsync(http.User.UserId(), http.User.SessionId(), ClientContextFactory.From(http), ct);
        return TypedResults.NoContent();
    }
}
