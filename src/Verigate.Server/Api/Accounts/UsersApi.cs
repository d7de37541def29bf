using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Verigate.Core.Accounts;
using Verigate.Core.Results;
using Verigate.Server.Api.Problems;

namespace Verigate.Server.Api.Accounts;

public sealed record PublicUserResponse(string UserId, string Username)
{
    public static PublicUserResponse From(Account a) => new(a.UserId.ToString(CultureInfo.InvariantCulture), a.Username);
}

/// <summary>Public lookups: a user id or username gives the other, and nothing more.</summary>
public static class UsersApi
{
    public static RouteGroupBuilder MapUsers(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/users").WithTags("Account API");
        group.MapGet("/{userId}", ByIdAsync);
        group.MapGet("/by-username/{username}", ByUsernameAsync);
        return group;
    }

    private static async Task<Results<Ok<PublicUserResponse>, ProblemHttpResult>> ByIdAsync(string userId, HttpContext http, AccountDirectory accounts, CancellationToken ct)
    {
        // Ids are decimal strings; anything else (including numbers past 2^63) is simply not a user.
        var account = long.TryParse(userId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? await accounts.FindAsync(id, ct)
            : null;
        return account is null ? ProblemResults.From(http, NotFound()) : TypedResults.Ok(PublicUserResponse.From(account));
    }

    private static async Task<Results<Ok<PublicUserResponse>, ProblemHttpResult>> ByUsernameAsync(string username, HttpContext http, AccountDirectory accounts, CancellationToken ct)
    {
        var account = await accounts.FindByUsernameAsync(username, ct);
        return account is null ? ProblemResults.From(http, NotFound()) : TypedResults.Ok(PublicUserResponse.From(account));
    }

    private static Error NotFound() => new(ErrorCodes.UserNotFound, "No user has this id or username.");
}
