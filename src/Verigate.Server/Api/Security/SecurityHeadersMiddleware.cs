namespace Verigate.Server.Api.Security;

/// <summary>
/// Headers every answer carries. Nearly every answer holds a token, a code, a challenge id or someone's masked
/// contact, so none may be cached (<c>no-store</c>); none may be MIME-sniffed, leak its URL (receipt tokens and
/// challenge ids are in paths) as a referrer, or be framed (the report page and the development inbox are HTML).
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpContext)state).Response.Headers;
            headers.CacheControl = "no-store";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            if (!headers.ContainsKey("Content-Security-Policy"))
            {
                headers.ContentSecurityPolicy = "frame-ancestors 'none'";
            }

            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
