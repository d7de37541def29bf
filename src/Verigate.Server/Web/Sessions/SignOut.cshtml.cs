using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Verigate.Server.Web.Sessions;

/// <summary>Sign out: a POST with an antiforgery token, so a link or an image on another site cannot sign anyone out.</summary>
public sealed class SignOutModel(SessionCookies sessions) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public IActionResult OnPost()
    {
        sessions.SignOut(Response);
        return LocalRedirect("/");
    }
}
