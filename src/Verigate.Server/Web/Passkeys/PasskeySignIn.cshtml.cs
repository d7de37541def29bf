using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Verigate.Core.Passkeys;
using Verigate.Core.Results;
using Verigate.Server.Web.Sessions;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.Passkeys;

/// <summary>Sign-in with a passkey alone: no username, the authenticator offers the account's discoverable passkeys.</summary>
public sealed class PasskeySignInModel(IStringLocalizer<Text> text, WebAuthnCeremonies ceremonies, PasskeySignIn signIn, SessionCookies sessions)
    : WebPageModel(text)
{
    public const string Purpose = "signin";

    public IActionResult OnGet() => LocalRedirect("/");

    public IActionResult OnPostOptions() => Content(ceremonies.StartAssertion(Response, Purpose), "application/json");

    public async Task<IActionResult> OnPostAsync(string? credential, CancellationToken ct)
    {
        var use = credential is { Length: > 0 and < 16_000 } ? await ceremonies.FinishAssertionAsync(HttpContext, Purpose, credential, ct) : null;
        var session = use is null ? new Error(ErrorCodes.InvalidCredentials, "The passkey was not accepted.") : await signIn.SignInAsync(use, false, Client, ct);
        if (!session.IsSuccess)
        {
            return Fail(new Error("passkey_rejected", session.Error.Message));
        }

        sessions.SignIn(Response, session.Value);
        return LocalRedirect("/account");
    }
}
