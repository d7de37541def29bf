using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Verigate.Core.Results;
using Verigate.Core.Staff;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.Console;

/// <summary>
/// Console sign-in: name, password and a code from the staff member's authenticator app. Every refusal reads the
/// same ("did not match"), whatever was wrong, so the form tells nobody which names exist.
/// </summary>
public sealed class SignInModel(IStringLocalizer<Text> text, StaffSignIn signIn, ConsoleCookies cookies) : WebPageModel(text)
{
    public string? Name { get; private set; }

    [FromQuery(Name = "signedout")]
    public bool SignedOut { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? name, string? password, string? code, CancellationToken ct)
    {
        Name = name;
        var digits = new string([.. (code ?? string.Empty).Where(char.IsAsciiDigit)]);
        var signedIn = await signIn.SignInAsync(name, password, digits, Client, ct);
        if (!signedIn.IsSuccess)
        {
            Response.StatusCode = signedIn.Error.Code == ErrorCodes.RateLimited ? StatusCodes.Status429TooManyRequests : StatusCodes.Status400BadRequest;
            return signedIn.Error.Code == ErrorCodes.RateLimited ? Fail(signedIn.Error) : Refused();
        }

        cookies.SignIn(Response, signedIn.Value);
        return LocalRedirect("/console");
    }

    private PageResult Refused()
    {
        ErrorMessage = Text["console.signin.failed"];
        return Page();
    }
}
