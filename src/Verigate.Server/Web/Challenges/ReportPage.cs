using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Verigate.Core;
using Verigate.Core.Challenges;
using Verigate.Server.Web.Shared;
using static Verigate.Server.Web.Shared.MessageLinkPage;

namespace Verigate.Server.Web.Challenges;

/// <summary>
/// The "I didn't request this" link in every message. Opening the link only shows a button: mail scanners and
/// link previews fetch links, and they must not cancel codes. Pressing the button does, and only from the page
/// itself (a same-origin POST), so another site cannot cancel a person's codes by making their browser post.
/// </summary>
public static class ReportPage
{
    public static IEndpointRouteBuilder MapReportPage(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/report/{id}", Show).ExcludeFromDescription();
        routes.MapPost("/report/{id}", ReportAsync).ExcludeFromDescription().DisableAntiforgery();
        return routes;
    }

    private static ContentHttpResult Show(string id, IStringLocalizer<Text> text, HttpContext http) => Render(http, StatusCodes.Status200OK,
        Say(text, "report", "title", "Didn't request a code?"),
        $"<p>{Encode(Say(text, "report", "explanation", "If you did not ask for this code, someone may be trying to get into your account. Cancel the code and we will warn you by email or SMS."))}</p>" +
        $"<form method=\"post\" action=\"/report/{Encode(Uri.EscapeDataString(id))}\">" +
        $"<button type=\"submit\">{Encode(Say(text, "report", "button", "Cancel this code"))}</button></form>" +
        $"<p>{Encode(Say(text, null, "press_only", "Nothing happens unless you press the button."))}</p>");

    private static async Task<ContentHttpResult> ReportAsync(
        string id, AccountChallenges challenges, IOptions<VerigateOptions> options, IStringLocalizer<Text> text, HttpContext http, CancellationToken ct)
    {
        if (!IsSameOrigin(http.Request, options.Value.PublicBase))
        {
            return NotFromThePage(http, text);
        }

        var reported = await challenges.ReportAsync(id, ct);
        return reported.IsSuccess
            ? Render(http, StatusCodes.Status200OK, Say(text, "report", "done.title", "Code canceled"),
                $"<p>{Encode(Say(text, "report", "done.message", "Thank you. The code can no longer be used, and we warned you by email or SMS. If this keeps happening, change your password."))}</p>")
            : Render(http, StatusCodes.Status200OK, Say(text, "report", "nothing.title", "Nothing to cancel"),
                $"<p>{Encode(Say(text, "report", "nothing.message", "This code is no longer active, so nobody can use it."))}</p>");
    }
}
