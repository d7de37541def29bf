using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Verigate.Core.Results;
using Verigate.Core.SignIn;
using Verigate.Core.TwoFactor;
using Verigate.Server.Api.TwoFactor;
using Verigate.Server.Web.Challenges;
using Verigate.Server.Web.Sessions;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.SignIn;

/// <summary>
/// The second step of a sign-in on an account with a second factor: six digits from the authenticator app, or one
/// recovery code. Nothing is sent by SMS or email here (that would be a downgrade).
/// </summary>
public sealed class SecondFactorModel(
    IStringLocalizer<Text> text, PendingChallengeCookie pending, LoginFlow login, SessionCookies sessions, Passkeys.WebAuthnCeremonies ceremonies)
    : WebPageModel(text)
{
    public const string RecoveryCode = "recovery_code";

    [FromQuery(Name = "method")]
    public string? Method { get; set; }

    public bool UseRecoveryCode => Method == RecoveryCode;

    /// <summary>The methods of this sign-in's challenge decide what the page offers.</summary>
    public bool OffersPasskey { get; private set; }

    public bool OffersApp { get; private set; } = true;

    public IActionResult OnGet()
    {
        if (pending.Read(Request, PendingChallenge.TwoFactor) is not { } challenge)
        {
            return LocalRedirect("/");
        }

        Offer(challenge);
        return Page();
    }

    public IActionResult OnPostOptions() => Content(ceremonies.StartAssertion(Response, PasskeyPurpose), "application/json");

    public async Task<IActionResult> OnPostPasskeyAsync(string? credential, bool remember, CancellationToken ct)
    {
        if (pending.Read(Request, PendingChallenge.TwoFactor) is not { } challenge)
        {
            return LocalRedirect("/");
        }

        Offer(challenge);
        var use = credential is { Length: > 0 and < 16_000 } ? await ceremonies.FinishAssertionAsync(HttpContext, PasskeyPurpose, credential, ct) : null;
        if (use is null)
        {
            return Fail(new Error("passkey_rejected", "The passkey was not accepted."));
        }

        return await CompleteAsync(challenge, new SecondFactorAnswer(SecondFactorKind.Passkey, use.ToAnswerValue()), remember, ct);
    }

    private const string PasskeyPurpose = "second-factor";

    private void Offer(PendingChallenge challenge)
    {
        OffersPasskey = challenge.Methods.Contains("passkey");
        OffersApp = challenge.Methods.Contains("totp") || challenge.Methods.Contains(RecoveryCode);
    }

    public async Task<IActionResult> OnPostAsync(string? method, string? answer, bool remember, CancellationToken ct)
    {
        if (pending.Read(Request, PendingChallenge.TwoFactor) is not { } challenge)
        {
            return LocalRedirect("/");
        }

        Offer(challenge);
        Method = method == RecoveryCode ? RecoveryCode : "totp";
        var typed = (answer ?? string.Empty).Trim();
        var factor = UseRecoveryCode
            ? SecondFactorFields.Read(null, typed.ToUpperInvariant())
            : SecondFactorFields.Read(new string([.. typed.Where(char.IsAsciiDigit)]), null);
        if (!factor.IsSuccess || factor.Value is null)
        {
            return Fail(factor.IsSuccess ? Error.InvalidRequest("totp", "Enter the code.") : factor.Error);
        }

        return await CompleteAsync(challenge, factor.Value, remember, ct);
    }

    private async Task<IActionResult> CompleteAsync(PendingChallenge challenge, SecondFactorAnswer answer, bool remember, CancellationToken ct)
    {
        var session = await login.CompleteAsync(challenge.Id, new SignInAnswer(null, answer), remember, Client, ct);
        if (!session.IsSuccess)
        {
            return Fail(session.Error);
        }

        pending.Clear(Response);
        sessions.SignIn(Response, session.Value);
        return LocalRedirect("/account");
    }
}
