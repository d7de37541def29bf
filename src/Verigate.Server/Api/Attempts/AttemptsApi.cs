using Microsoft.AspNetCore.Http.HttpResults;
using Verigate.Core.Attempts;
using Verigate.Server.Api.Auth;
using Verigate.Server.Api.Problems;

namespace Verigate.Server.Api.Attempts;

/// <summary>The attempts API (integrators, API key): the calling key's verifications and how many converted.</summary>
public static class AttemptsApi
{
    public static RouteGroupBuilder MapAttempts(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/attempts").RequireAuthorization(AuthSchemes.ApiKey).WithTags("Verify API");
        group.MapGet("/", ListAsync).WithSummary("The calling key's verifications, newest first, with their conversion");
        group.MapGet("/summary", SummaryAsync).WithSummary("Total, converted, unconverted and conversion rate of the calling key's verifications");
        return group;
    }

    private static async Task<Results<Ok<AttemptListResponse>, ProblemHttpResult>> ListAsync(
        HttpContext http, AttemptService attempts, TimeProvider time, string? from, string? to, string? channel, string? country, string? prefix,
        string? limit, string? cursor, CancellationToken ct)
    {
        var page = await attempts.ListAsync(http.User.ApiKeyId(), new AttemptQuery(from, to, channel, country, prefix, limit, cursor), ct);
        if (!page.IsSuccess)
        {
            return ProblemResults.From(http, page.Error);
        }

        var now = time.GetUtcNow();
        return TypedResults.Ok(new AttemptListResponse(page.Value.Items.Select(a => AttemptResponse.From(a, now)).ToList(), page.Value.NextCursor));
    }

    private static async Task<Results<Ok<AttemptSummaryResponse>, ProblemHttpResult>> SummaryAsync(
        HttpContext http, AttemptService attempts, string? from, string? to, string? channel, string? country, string? prefix, CancellationToken ct)
    {
        var summary = await attempts.SummarizeAsync(http.User.ApiKeyId(), new AttemptQuery(from, to, channel, country, prefix), ct);
        return summary.IsSuccess ? TypedResults.Ok(AttemptSummaryResponse.From(summary.Value)) : ProblemResults.From(http, summary.Error);
    }
}
