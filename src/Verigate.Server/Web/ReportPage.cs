using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Verigate.Core.Challenges;

namespace Verigate.Server.Web;

/// <summary>
/// The "I didn't request this" link in every message. Opening the link only shows a button: mail scanners and
/// link previews fetch links, and they must not cancel codes. Pressing the button does.
/// </summary>
public static class ReportPage
{
    public static IEndpointRouteBuilder MapReportPage(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/report/{id}", Show).ExcludeFromDescription();
        routes.MapPost("/report/{id}", ReportAsync).ExcludeFromDescription().DisableAntiforgery();
        return routes;
    }

    private static ContentHttpResult Show(string id) => Page(
        "Didn't request a code?",
        "If you did not ask for this code, someone may be trying to get into your account. Cancel the code and we will warn you by email or SMS." +
        $"<form method=\"post\" action=\"/report/{HtmlEncoder.Default.Encode(id)}\"><button type=\"submit\">Cancel this code</button></form>");

    private static async Task<ContentHttpResult> ReportAsync(string id, AccountChallenges challenges, CancellationToken ct)
    {
        var reported = await challenges.ReportAsync(id, ct);
        return reported.IsSuccess
            ? Page("Code canceled", "Thank you. The code can no longer be used. If this keeps happening, change your password.")
            : Page("Nothing to cancel", "This code is no longer active, so nobody can use it.");
    }

    private static ContentHttpResult Page(string title, string bodyHtml) => TypedResults.Content(
        $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{title}</title>" +
        "<style>body{font:16px system-ui;margin:3rem auto;max-width:32rem;padding:0 1rem}button{font-size:1rem;padding:.6rem 1rem}</style></head>" +
        $"<body><h1>{title}</h1><p>{bodyHtml}</p></body></html>",
        "text/html; charset=utf-8");
}
