using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.Language;

/// <summary>The language switcher: remembers the choice in a cookie (it wins over Accept-Language) and goes back.</summary>
public class LanguageModel(WebCookies cookies) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        if (culture is not null && WebServiceCollectionExtensions.Languages.Contains(culture))
        {
            Response.Cookies.Append(
                cookies.Name("vg_lang"),
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                cookies.Options(TimeSpan.FromDays(365)));
        }

        return LocalRedirect(returnUrl is not null && Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
