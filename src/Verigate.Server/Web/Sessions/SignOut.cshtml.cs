using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Verigate.Core.Sessions;
using Verigate.Server.Api;
using Verigate.Server.Api.Auth;

namespace Verigate.Server.Web.Sessions;

/// <summary>
/// Sign out: a POST with an antiforgery token, so a link or an image on another site cannot sign anyone out. The
/// session is revoked in the store, not only forgotten by this browser: a copied cookie stops working too.
/// </summary>
public sealed class SignOutModel(SessionCookies cookies, AccountSessions sessions) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            await sessions.SignOutAsync(User.UserId(), User.SessionId(), ClientContextFactory.From(HttpContext), ct);
        }

        cookies.SignOut(Response);
        return LocalRedirect("/");
    }
}
