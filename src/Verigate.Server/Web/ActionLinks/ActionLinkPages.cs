using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Verigate.Core;
using Verigate.Core.ActionLinks;
using Verigate.Server.Web.Shared;
using static Verigate.Server.Web.Shared.MessageLinkPage;

namespace Verigate.Server.Web.ActionLinks;

/// <summary>
/// The pages behind notice links. <c>GET /links/{token}</c> only shows what the button will do (mail scanners and
/// link previews fetch links; they must change nothing) and moves the token into the form, so the address the
/// button posts to carries none. Only <c>POST /links</c> from that page acts, and only as a same-origin request.
/// </summary>
public static class ActionLinkPages
{
    private const string FormPath = "/" + ActionLink.PagePath;

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
        return Render(http, StatusCodes.Status200OK, Say(text, p.Kind, "title", p.Title),
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
            return NotFromThePage(http, text);
        }

        var token = await ReadTokenAsync(http.Request, ct);
        var done = await links.RedeemAsync(token, http.Connection.RemoteIpAddress?.ToString(), ct);
        return done.IsSuccess
            ? Render(http, StatusCodes.Status200OK, Say(text, done.Value.Kind, "done.title", done.Value.Title),
                $"<p>{Encode(Say(text, done.Value.Kind, "done.message", done.Value.Message))}</p>")
            : Invalid(http, text);
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

    private static ContentHttpResult Invalid(HttpContext http, IStringLocalizer<Text> text) => Render(http, StatusCodes.Status404NotFound,
        Say(text, null, "invalid.title", "This link no longer works"),
        $"<p>{Encode(Say(text, null, "invalid.body", "It was already used, it expired, or it is incomplete. Nothing was changed. If you are worried about your account, sign in and review it, or reset your password."))}</p>");
}
