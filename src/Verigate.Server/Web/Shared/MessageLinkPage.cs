using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Verigate.Core;

namespace Verigate.Server.Web.Shared;

/// <summary>
/// What the pages behind links in messages share (notice links, "I didn't request this"): the site's look without
/// script, words in the reader's language, and the check that a button's POST came from the page itself. They are
/// plain endpoints rather than Razor Pages: no session, no antiforgery cookie, nothing to keep between requests.
/// </summary>
public static class MessageLinkPage
{
    // No scripts, no outside resources, forms only to us.
    private const string PagePolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>
    /// The page's words in the reader's language: <c>links.{kind}.{part}</c> (or <c>links.{part}</c>) from the texts;
    /// else the handler's words, which may themselves be a key of the texts; else those words as they are (kinds
    /// without translations yet).
    /// </summary>
    public static string Say(IStringLocalizer<Text> text, string? kind, string part, string handlerWords)
    {
        var found = text[kind is null ? $"links.{part}" : $"links.{kind}.{part}"];
        if (!found.ResourceNotFound)
        {
            return found.Value;
        }

        var named = text[handlerWords];
        return named.ResourceNotFound ? handlerWords : named.Value;
    }

    /// <summary>
    /// The button's POST comes from our own page. Browsers say so in <c>Sec-Fetch-Site</c>; our pages send no
    /// referrer, so a browser's <c>Origin</c> on that POST is "null" and cannot be used instead. A client that sends
    /// neither header (an old browser) is let through only with an <c>Origin</c> naming this host, as the request
    /// reached us or as the public base URL (behind a proxy).
    /// </summary>
    public static bool IsSameOrigin(HttpRequest request, Uri publicBase)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return site == "same-origin";
        }

        var origin = request.Headers.Origin.ToString();
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && ((uri.Scheme == request.Scheme && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase))
                || (uri.Scheme == publicBase.Scheme && string.Equals(uri.Authority, publicBase.Authority, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>The answer to a button's POST that did not come from its page (see <see cref="IsSameOrigin"/>).</summary>
    public static ContentHttpResult NotFromThePage(HttpContext http, IStringLocalizer<Text> text) => Render(http, StatusCodes.Status403Forbidden,
        Say(text, null, "same_origin.title", "Press the button on the page"),
        $"<p>{Encode(Say(text, null, "same_origin.body", "This action only works from the button on its page. Open the link from your message again."))}</p>");

    /// <summary>
    /// The site's look (its stylesheet, header and card) without its script or forms: the page is reached from a
    /// message, by someone who may not be signed in, and its URL carries the token (so no referrer leaves it).
    /// </summary>
    public static ContentHttpResult Render(HttpContext http, int status, string title, string bodyHtml)
    {
        http.Response.Headers.ContentSecurityPolicy = PagePolicy;
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        var product = http.RequestServices.GetRequiredService<IOptions<VerigateOptions>>().Value.ProductName;
        return TypedResults.Content(
            $"<!doctype html><html lang=\"{Encode(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName)}\"><head><meta charset=\"utf-8\">" +
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\">" +
            "<meta name=\"referrer\" content=\"no-referrer\"><link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/static/site.css\">" +
            $"<title>{Encode(title)} · {Encode(product)}</title></head>" +
            $"<body><header class=\"top\"><a class=\"brand\" href=\"/\">{Encode(product)}</a></header>" +
            $"<main id=\"main\"><h1>{Encode(title)}</h1><section class=\"card\">{bodyHtml}</section></main></body></html>",
            "text/html; charset=utf-8",
            statusCode: status);
    }

    // Letters of every script stay as they are (as on the Razor pages): the default encoder writes "está" as
    // "est&#xE1;", which reads the same in a browser but not in a page's source or a test. Markup is still escaped.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static string Encode(string text) => Html.Encode(text);
}
