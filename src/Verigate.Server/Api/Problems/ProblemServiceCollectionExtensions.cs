
namespace Verigate.Server.Api.Problems;

/// <summary>
/// Problems for what the framework answers on its own — unknown routes, wrong methods, bodies Kestrel refuses,
/// a store that is out of reach for now (503 <c>unavailable</c>, with Retry-After), and bugs (500, with nothing of the
/// exception in the answer) — carry the same <c>type</c> and <c>code</c> members.
/// </summary>
public static class ProblemServiceCollectionExtensions
{
    public static IServiceCollection AddVerigateProblems(this IServiceCollection services) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions.Remove("traceId");
            if (context.ProblemDetails.Extensions.ContainsKey("code"))
            {
                return; // one of ours, already complete
            }

            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            if (context.Exception is BadHttpRequestException bad)
            {
                status = bad.StatusCode;
                context.ProblemDetails.Status = status;
                context.HttpContext.Response.StatusCode = status;
            }

            if (status == StatusCodes.Status415UnsupportedMediaType)
            {
                // The framework refuses a non-JSON body before our handler runs; the contract answers it as bad input.
                status = StatusCodes.Status400BadRequest;
                context.ProblemDetails.Status = status;
                context.HttpContext.Response.StatusCode = status;
                context.ProblemDetails.Title = "Invalid request";
                context.ProblemDetails.Detail = "Send a JSON object with Content-Type: application/json.";
                context.ProblemDetails.Extensions["field"] = "body";
            }

            if (status == StatusCodes.Status503ServiceUnavailable)
            {
                // Every pooled connection busy past the pool's timeout, or the database not answering: the transaction
                // was rolled back, so the same request can simply be sent again.
                context.HttpContext.Response.Headers.RetryAfter = ExceptionStatus.RetryAfterSeconds;
                context.ProblemDetails.Detail = "The service cannot reach its database right now; try again in a moment.";
            }

            var code = ErrorCatalog.CodeForStatus(status);
            context.ProblemDetails.Type = ErrorCatalog.TypePrefix + code;
            context.ProblemDetails.Extensions["code"] = code;
            context.ProblemDetails.Detail ??= status switch
            {
                404 => "There is nothing at this address.",
                405 => "This address does not accept this method.",
                >= 500 => "Something went wrong on our side. Nothing you sent was lost; try again.",
                _ => "The request could not be read.",
            };
        });

    public static IApplicationBuilder UseVerigateProblems(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = ExceptionStatus.Of });
        app.UseStatusCodePages();
        return app;
    }
}
