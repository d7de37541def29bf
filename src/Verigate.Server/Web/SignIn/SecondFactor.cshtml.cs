using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Verigate.Core.Accounts;
using Verigate.Core.Results;
using Verigate.Server.Api.TwoFactor;
using Verigate.Server.Web.Challenges;
using Verigate.Server.Web.Sessions;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.SignIn;

/// <summary>
/// The second step of a sign-in on an account with a second factor: six digits from the authenticator app, or one
/// recovery code. Nothing is sent by SMS or email here (that would be a downgrade).
/// </summary>
public sealed class SecondFactorModel(IStringLocalizer<Text> text, PendingChallengeCookie pending, LoginFlow login, SessionCookies sessions)
    : WebPageModel(text)
{
    public const string RecoveryCode = "recovery_code";

    [FromQuery(Name = "method")]
    public string? Method { get; set; }

    public bool UseRecoveryCode => Method == RecoveryCode;

    public IActionResult OnGet() => pending.Read(Request, PendingChallenge.TwoFactor) is null ? LocalRedirect("/") : Page();

    public async Task<IActionResult> OnPostAsync(string? method, string? answer, bool remember, CancellationToken ct)
    {
        if (pending.Read(Request, PendingChallenge.TwoFactor) is not { } challenge)
        {
            return LocalRedirect("/");
        }

        Method = method == RecoveryCode ? RecoveryCode : "totp";
        var typed = (answer ?? string.Empty).Trim();
        var factor = UseRecoveryCode
            ? SecondFactorFields.Read(null, typed.ToUpperInvariant())
            : SecondFactorFields.Read(new string([.. typed.Where(char.IsAsciiDigit)]), null);
        if (!factor.IsSuccess || factor.Value is null)
        {
            return Fail(factor.IsSuccess ? Error.InvalidRequest("totp", "Enter the code.") : factor.Error);
        }

        var session = await login.CompleteAsync(challenge.Id, new SignInAnswer(null, factor.Value), remember, Client, ct);
        if (!session.IsSuccess)
        {
            return Fail(session.Error);
        }

        pending.Clear(Response);
        sessions.SignIn(Response, session.Value);
        return LocalRedirect("/account");
    }
}
