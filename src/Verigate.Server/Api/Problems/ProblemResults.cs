using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Verigate.Core.Results;

namespace Verigate.Server.Api.Problems;

/// <summary>Turns an <see cref="Error"/> into an RFC 9457 problem, with <c>Retry-After</c> for limits.</summary>
public static class ProblemResults
{
    public static ProblemHttpResult From(HttpContext context, Error error)
    {
        var (status, title) = ErrorCatalog.Lookup(error.Code);
        var problem = new ProblemDetails
        {
            Type = ErrorCatalog.TypePrefix + error.Code,
            Title = title,
            Status = status,
            Detail = error.Message,
        };
        problem.Extensions["code"] = error.Code;
        if (error.Field is not null)
        {
            problem.Extensions["field"] = error.Field;
        }

        if (error.AttemptsRemaining is { } remaining)
        {
            problem.Extensions["attemptsRemaining"] = remaining;
        }

        if (error.Limit is not null)
        {
            problem.Extensions["limit"] = error.Limit;
        }

        if (error.RetryAfter is { } wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            problem.Extensions["retryAfter"] = seconds;
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return TypedResults.Problem(problem);
    }

    /// <summary>Writes a problem outside an endpoint (authentication, middleware).</summary>
    public static Task WriteAsync(HttpContext context, Error error) => From(context, error).ExecuteAsync(context);
}
