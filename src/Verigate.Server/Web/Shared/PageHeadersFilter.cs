using Microsoft.AspNetCore.Mvc.Filters;

namespace Verigate.Server.Web.Shared;

/// <summary>
/// What every page answer carries on top of the API's headers (SecurityHeadersMiddleware): a CSP that allows only
/// this origin's static script and style files (no inline script, no CDN), forms posting only here, no framing.
/// </summary>
public sealed class PageHeadersFilter : IAsyncPageFilter
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; " +
        "base-uri 'none'; frame-ancestors 'none'";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        context.HttpContext.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return next();
    }
}
