using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Verigate.Core;
using Verigate.Core.ActionLinks;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.ActionLinks;

/// <summary>
/// The pages behind notice links. <c>GET /links/{token}</c> only shows what the button will do (mail scanners and
/// link previews fetch links; they must change nothing) and moves the token into the form, so the address the
/// button posts to carries none. Only <c>POST /links</c> from that page acts, and only as a same-origin request.
/// </summary>
public static class ActionLinkPages
{
    private const string FormPath = "/" + ActionLink.PagePath;

    // No scripts, no outside resources, forms only to us; the inline style is the whole design for now.
    private const string PagePolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static IEndpointRouteBuilder MapActionLinkPages(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(FormPath + "/{token}", ShowAsync).ExcludeFromDescription();
        routes.MapPost(FormPath, ActAsync).ExcludeFromDescription().DisableAntiforgery();
        return routes;
    }

    private static async Task<ContentHttpResult> ShowAsync(string token, ActionLinkService links, IStringLocalizer<Text> text, HttpContext http, CancellationToken ct)
    {
        var prompt = await links.PreviewAsync(token, ct);
        if (!prompt.IsSuccess)
        {
            return Invalid(http, text);
        }

        var p = prompt.Value;
        return Page(http, StatusCodes.Status200OK, Say(text, p.Kind, "title", p.Title),
            $"<p>{Encode(Say(text, p.Kind, "explanation", p.Explanation))}</p>" +
            $"<form method=\"post\" action=\"{FormPath}\"><input type=\"hidden\" name=\"token\" value=\"{Encode(token)}\">" +
            $"<button type=\"submit\">{Encode(Say(text, p.Kind, "button", p.Button))}</button></form>" +
            $"<p>{Encode(Say(text, null, "press_only", "Nothing happens unless you press the button."))}</p>");
    }

    private static async Task<ContentHttpResult> ActAsync(
        ActionLinkService links, IOptions<VerigateOptions> options, IStringLocalizer<Text> text, HttpContext http, CancellationToken ct)
    {
        if (!IsSameOrigin(http.Request, options.Value.PublicBase))
        {
            return Page(http, StatusCodes.Status403Forbidden, Say(text, null, "same_origin.title", "Press the button on the page"),
                $"<p>{Encode(Say(text, null, "same_origin.body", "This action only works from the button on its page. Open the link from your message again."))}</p>");
        }

        var token = await ReadTokenAsync(http.Request, ct);
        var done = await links.RedeemAsync(token, http.Connection.RemoteIpAddress?.ToString(), ct);
        return done.IsSuccess
            ? Page(http, StatusCodes.Status200OK, Say(text, done.Value.Kind, "done.title", done.Value.Title),
                $"<p>{Encode(Say(text, done.Value.Kind, "done.message", done.Value.Message))}</p>")
            : Invalid(http, text);
    }

    /// <summary>
    /// The page's words in the reader's language: <c>links.{kind}.{part}</c> (or <c>links.{part}</c>) from the texts;
    /// else the handler's words, which may themselves be a key of the texts; else those words as they are (kinds
    /// without translations yet).
    /// </summary>
    private static string Say(IStringLocalizer<Text> text, string? kind, string part, string handlerWords)
    {
        var found = text[kind is null ? $"links.{part}" : $"links.{kind}.{part}"];
        if (!found.ResourceNotFound)
        {
            return found.Value;
        }

        var named = text[handlerWords];
        return named.ResourceNotFound ? handlerWords : named.Value;
    }

    /// <summary>The form's token; a body that is not a well-formed form (a multipart body without a boundary …) has none.</summary>
    private static async Task<string> ReadTokenAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return string.Empty;
        }

        try
        {
            return (await request.ReadFormAsync(ct))["token"].ToString();
        }
        catch (InvalidDataException)
        {
            return string.Empty;
        }
    }

    /// <summary>
    /// The button's POST comes from our own page. Browsers say so in <c>Sec-Fetch-Site</c>; our pages send no
    /// referrer, so a browser's <c>Origin</c> on that POST is "null" and cannot be used instead. A client that sends
    /// neither header (an old browser) is let through only with an <c>Origin</c> naming this host, as the request
    /// reached us or as the public base URL (behind a proxy).
    /// </summary>
    private static bool IsSameOrigin(HttpRequest request, Uri publicBase)
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

    private static ContentHttpResult Invalid(HttpContext http, IStringLocalizer<Text> text) => Page(http, StatusCodes.Status404NotFound,
        Say(text, null, "invalid.title", "This link no longer works"),
        $"<p>{Encode(Say(text, null, "invalid.body", "It was already used, it expired, or it is incomplete. Nothing was changed. If you are worried about your account, sign in and review it, or reset your password."))}</p>");

    /// <summary>
    /// The site's look (its stylesheet, header and card) without its script or forms: the page is reached from a
    /// message, by someone who may not be signed in, and its URL carries the token (so no referrer leaves it).
    /// </summary>
    private static ContentHttpResult Page(HttpContext http, int status, string title, string bodyHtml)
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

    private static string Encode(string text) => Html.Encode(text);
}
