using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Verigate.Core.Accounts;
using Verigate.Core.Results;
using Verigate.Core.SignIn;
using Verigate.Server.Web.Challenges;
using Verigate.Server.Web.Sessions;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.SignIn;

/// <summary>
/// Sign-in: login and password, then whatever the sign-in flow asks (nothing on a remembered device, a sent code on a
/// new one, the authenticator app or a recovery code when the account has a second factor). Wrong login and wrong
/// password read the same, as in the API.
/// </summary>
public sealed class SignInModel(IStringLocalizer<Text> text, LoginFlow flow, SessionCookies sessions, PendingChallengeCookie pending)
    : WebPageModel(text)
{
    public string? Login { get; private set; }

    [FromQuery(Name = "done")]
    public string? Done { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? login, string? password, CancellationToken ct)
    {
        Login = login;
        if (string.IsNullOrWhiteSpace(login) || string.IsNullOrEmpty(password) || login.Length > LoginResolver.MaxLength || password.Length > PasswordPolicy.MaxLength * 4)
        {
            return Fail(new Error(ErrorCodes.InvalidCredentials, "Enter your login and password."));
        }

        var outcome = await flow.LoginAsync(new LoginRequest(login.Trim(), password, sessions.DeviceToken(Request), null), Client, ct);
        if (!outcome.IsSuccess)
        {
            return Fail(outcome.Error);
        }

        if (outcome.Value.Session is { } session)
        {
            sessions.SignIn(Response, session);
            return LocalRedirect("/account");
        }

        var challenge = outcome.Value.Challenge!;
        if (outcome.Value.NeedsSecondFactor)
        {
            pending.Write(Response, new PendingChallenge(PendingChallenge.TwoFactor, challenge.Id, outcome.Value.Methods ?? []));
            return LocalRedirect("/signin/second-factor");
        }

        pending.Write(Response, new PendingChallenge(PendingChallenge.SignIn, challenge.Id, []));
        return LocalRedirect("/code");
    }
}
