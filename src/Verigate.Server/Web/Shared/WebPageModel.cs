using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Verigate.Core;
using Verigate.Core.Results;
using Verigate.Server.Api;

namespace Verigate.Server.Web.Shared;

/// <summary>What every page model of a flow needs: the texts, the caller's context, and an error to show.</summary>
public abstract class WebPageModel(IStringLocalizer<Text> text) : PageModel
{
    protected IStringLocalizer<Text> Text { get; } = text;

    /// <summary>The failure to announce at the top of the form (role=alert), in the person's language.</summary>
    public string? ErrorMessage { get; protected set; }

    protected ClientContext Client => ClientContextFactory.From(HttpContext);

    protected string Language => System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    protected PageResult Fail(Error error)
    {
        ErrorMessage = ErrorText.For(Text, error);
        return Page();
    }
}
