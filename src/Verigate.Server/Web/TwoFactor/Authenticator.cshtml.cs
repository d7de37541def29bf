using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Verigate.Core;
using Verigate.Core.Accounts;
using Verigate.Core.Results;
using Verigate.Core.TwoFactor;
using Verigate.Server.Api.Auth;
using Verigate.Server.Api.TwoFactor;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.TwoFactor;

/// <summary>
/// Turning the authenticator app on (QR code and the key typed out, confirmed by a first right code, then the
/// recovery codes shown once) and off (with a current code). Changes need a fresh session: a stale one is sent to
/// re-authenticate first.
/// </summary>
public sealed partial class AuthenticatorModel(
    IStringLocalizer<Text> text, TwoFactorSettings settings, AccountDirectory accounts, IOptions<VerigateOptions> options) : WebPageModel(text)
{
    public const string Path = "/account/authenticator";

    public bool Enabled { get; private set; }

    public bool Confirming { get; private set; }

    public TotpEnrolment? Enrolment { get; private set; }

    public string? QrSvg { get; private set; }

    /// <summary>The key in groups of four, easier to type into an app than one long string.</summary>
    public string KeyGroups => Enrolment is null ? string.Empty : string.Join(' ', Groups().Matches(Enrolment.Secret).Select(m => m.Value));

    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Enabled = await IsEnabledAsync(ct);

    public async Task<IActionResult> OnPostStartAsync(CancellationToken ct)
    {
        var started = await settings.StartTotpAsync(User.UserId(), User.AuthenticatedAt(), options.Value.ProductName, Client, ct);
        if (!started.IsSuccess)
        {
            return (IActionResult?)Refused(started.Error) ?? Fail(started.Error);
        }

        Enrolment = started.Value;
        QrSvg = Api.TwoFactor.QrSvg.For(started.Value.OtpauthUri);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(string? code, CancellationToken ct)
    {
        var digits = new string([.. (code ?? string.Empty).Where(char.IsAsciiDigit)]);
        var confirmed = Totp.IsWellFormed(digits)
            ? await settings.ConfirmTotpAsync(User.UserId(), digits, Client, ct)
            : Error.InvalidRequest("code", "Enter the six digits the app shows.");
        if (!confirmed.IsSuccess)
        {
            Confirming = confirmed.Error.Code != ErrorCodes.TotpNotEnrolling;
            return Fail(confirmed.Error);
        }

        RecoveryCodes = confirmed.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(string? answer, CancellationToken ct)
    {
        Enabled = true;
        var typed = (answer ?? string.Empty).Trim();
        var digits = new string([.. typed.Where(char.IsAsciiDigit)]);
        var factor = Totp.IsWellFormed(digits) && digits.Length == typed.Replace(" ", string.Empty, StringComparison.Ordinal).Length
            ? SecondFactorFields.Read(digits, null)
            : SecondFactorFields.Read(null, typed.ToUpperInvariant());
        if (!factor.IsSuccess || factor.Value is null)
        {
            return Fail(factor.IsSuccess ? Error.InvalidRequest("answer", "Enter a code.") : factor.Error);
        }

        var disabled = await settings.DisableTotpAsync(User.UserId(), User.AuthenticatedAt(), factor.Value, Client, ct);
        if (!disabled.IsSuccess)
        {
            return (IActionResult?)Refused(disabled.Error) ?? Fail(disabled.Error);
        }

        return LocalRedirect("/account");
    }

    /// <summary>A stale session goes to re-authenticate and comes back here.</summary>
    private LocalRedirectResult? Refused(Error error) =>
        error.Code == ErrorCodes.ReauthenticationRequired ? LocalRedirect(Account.ReauthenticateModel.Path + "?returnUrl=" + Uri.EscapeDataString(Path)) : null;

    private async Task<bool> IsEnabledAsync(CancellationToken ct)
    {
        var profile = await accounts.ProfileAsync(User.UserId(), User.DeviceId(), ct);
        return profile.IsSuccess && profile.Value.TwoFactor.Totp;
    }

    [GeneratedRegex(".{1,4}")]
    private static partial Regex Groups();
}
