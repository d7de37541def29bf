using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Verigate.Core.Staff;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.Console;

/// <summary>Ends the console session (server-side, audited) and its cookie. A form post only: a link cannot sign anyone out.</summary>
public sealed class SignOutModel(IStringLocalizer<Text> text, StaffSessions sessions, ConsoleCookies cookies) : ConsolePageModel(text)
{
    public IActionResult OnGet() => LocalRedirect("/console");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (HttpContext.Items[ConsoleAuthenticationHandler.ActiveSessionItem] is ActiveStaffSession active)
        {
            await sessions.SignOutAsync(active, Client.Ip, ct);
        }

        cookies.SignOut(Response);
        return LocalRedirect(ConsoleSession.SignInPath + "?signedout=true");
    }
}
