using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Verigate.Core.Accounts;
using Verigate.Core.Results;
using Verigate.Core.Sessions;
using Verigate.Core.TwoFactor;
using Verigate.Server.Api.Auth;
using Verigate.Server.Api.TwoFactor;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.Account;

/// <summary>Proves the person again (password, and the second factor when the account has one) before a sensitive change.</summary>
public sealed class ReauthenticateModel(
    IStringLocalizer<Text> text, Reauthentication reauthentication, AccountDirectory accounts, Passkeys.WebAuthnCeremonies ceremonies) : WebPageModel(text)
{
    public const string Path = "/account/reauthenticate";

    [FromQuery(Name = "returnUrl")]
    public string? ReturnUrl { get; set; }

    public bool HasSecondFactor { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => HasSecondFactor = await HasSecondFactorAsync(ct);

    private const string PasskeyPurpose = "reauthenticate";

    public IActionResult OnPostOptions() => Content(ceremonies.StartAssertion(Response, PasskeyPurpose), "application/json");

    public async Task<IActionResult> OnPostAsync(string? password, string? answer, string? returnUrl, string? credential, CancellationToken ct)
    {
        ReturnUrl = returnUrl;
        HasSecondFactor = await HasSecondFactorAsync(ct);
        if (string.IsNullOrEmpty(password) || password.Length > PasswordPolicy.MaxLength * 4)
        {
            return Fail(new Error(ErrorCodes.InvalidCredentials, "Enter your password."));
        }

        var typed = answer?.Trim().Replace(" ", string.Empty, StringComparison.Ordinal);
        var factor = string.IsNullOrEmpty(typed) ? SecondFactorFields.Read(null, null)
            : typed.All(char.IsAsciiDigit) ? SecondFactorFields.Read(typed, null)
            : SecondFactorFields.Read(null, typed.ToUpperInvariant());
        if (!factor.IsSuccess)
        {
            return Fail(factor.Error);
        }

        if (credential is { Length: > 0 and < 16_000 })
        {
            var use = await ceremonies.FinishAssertionAsync(HttpContext, PasskeyPurpose, credential, ct);
            if (use is null)
            {
                return Fail(new Error("passkey_rejected", "The passkey was not accepted."));
            }

            factor = new SecondFactorAnswer(SecondFactorKind.Passkey, use.ToAnswerValue());
        }

        var fresh = await reauthentication.ReauthenticateAsync(User.UserId(), User.SessionId(), password, factor.Value, Client, ct);
        if (!fresh.IsSuccess)
        {
            return Fail(fresh.Error);
        }

        return LocalRedirect(returnUrl is not null && Url.IsLocalUrl(returnUrl) ? returnUrl : "/account");
    }

    private async Task<bool> HasSecondFactorAsync(CancellationToken ct) =>
        (await accounts.ProfileAsync(User.UserId(), User.DeviceId(), ct)) is { IsSuccess: true } p && p.Value.TwoFactor.Any;
}
