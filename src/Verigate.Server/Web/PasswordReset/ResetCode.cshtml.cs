using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Verigate.Core.Accounts;
using Verigate.Core.Challenges;
using Verigate.Core.PasswordReset;
using Verigate.Core.Results;
using Verigate.Core.TwoFactor;
using Verigate.Server.Api.TwoFactor;
using Verigate.Server.Web.Challenges;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.PasswordReset;

/// <summary>
/// The reset code and the new password. On an account with a second factor the flow answers
/// <c>second_factor_required</c> only after the code proved right, and only then does the page ask for it.
/// </summary>
public sealed class ResetCodeModel(
    IStringLocalizer<Text> text, AccountChallenges challenges, PendingChallengeCookie cookie, TimeProvider time, PasswordResetFlow resets,
    Passkeys.WebAuthnCeremonies ceremonies)
    : CodePageModel(text, challenges, cookie, time, PendingChallenge.Reset)
{
    public override string RestartPath => "/reset";

    public bool NeedsSecondFactor { get; private set; }

    private const string PasskeyPurpose = "reset";

    /// <summary>Assertion options when the second factor asked for is a passkey.</summary>
    public IActionResult OnPostOptions() => Content(ceremonies.StartAssertion(Response, PasskeyPurpose), "application/json");

    public async Task<IActionResult> OnPostAsync(string? code, string? newPassword, string? totp, string? recoveryCode, string? credential, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return LocalRedirect(RestartPath);
        }

        NeedsSecondFactor = !string.IsNullOrWhiteSpace(totp) || !string.IsNullOrWhiteSpace(recoveryCode);
        var typed = CodeInput.Normalize(code);
        if (!typed.IsSuccess)
        {
            return Fail(typed.Error);
        }

        if (string.IsNullOrEmpty(newPassword) || newPassword.Length > PasswordPolicy.MaxLength * 4)
        {
            return Fail(new Error(ErrorCodes.WeakPassword, "Choose a new password.", "newPassword"));
        }

        var factor = SecondFactorFields.Read(Blank(totp), Blank(recoveryCode)?.ToUpperInvariant());
        if (!factor.IsSuccess)
        {
            return Fail(factor.Error);
        }

        if (credential is { Length: > 0 and < 16_000 })
        {
            NeedsSecondFactor = true;
            var use = await ceremonies.FinishAssertionAsync(HttpContext, PasskeyPurpose, credential, ct);
            if (use is null)
            {
                return Fail(new Error("passkey_rejected", "The passkey was not accepted."));
            }

            factor = new SecondFactorAnswer(SecondFactorKind.Passkey, use.ToAnswerValue());
        }

        var done = await resets.CompleteAsync(Pending!.Id, typed.Value, newPassword, factor.Value, Client, ct);
        if (!done.IsSuccess)
        {
            NeedsSecondFactor |= done.Error.Code == ErrorCodes.SecondFactorRequired;
            await LoadAsync(ct);
            return Fail(done.Error);
        }

        Cookie.Clear(Response);
        return LocalRedirect("/?done=reset");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
