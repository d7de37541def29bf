using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Verigate.Core.Results;
using Verigate.Core.TwoFactor;
using Verigate.Server.Api.Auth;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.TwoFactor;

/// <summary>A new set of recovery codes (the old set stops working), shown this once; needs a fresh session.</summary>
public sealed class RecoveryCodesModel(IStringLocalizer<Text> text, TwoFactorSettings settings) : WebPageModel(text)
{
    public const string Path = "/account/recovery-codes";

    public IReadOnlyList<string>? Codes { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var codes = await settings.RegenerateRecoveryCodesAsync(User.UserId(), User.AuthenticatedAt(), Client, ct);
        if (!codes.IsSuccess)
        {
            return codes.Error.Code == ErrorCodes.ReauthenticationRequired
                ? LocalRedirect(Account.ReauthenticateModel.Path + "?returnUrl=" + Uri.EscapeDataString(Path))
                : Fail(codes.Error);
        }

        Codes = codes.Value;
        return Page();
    }
}
