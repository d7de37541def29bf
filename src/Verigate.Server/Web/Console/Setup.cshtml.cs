using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Verigate.Core;
using Verigate.Core.Results;
using Verigate.Core.Staff;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.Console;

/// <summary>
/// A new staff member's setup link: they choose their own password and enrol an authenticator app (QR code and the
/// key typed out), confirmed by a first right code. Nobody else ever knows either.
/// </summary>
public sealed partial class SetupModel(IStringLocalizer<Text> text, StaffSetup setup, IOptions<VerigateOptions> options) : WebPageModel(text)
{
    [FromRoute]
    public string Token { get; set; } = string.Empty;

    public StaffSetupView? View { get; private set; }

    public string? QrSvg { get; private set; }

    public bool Done { get; private set; }

    public string KeyGroups => View is null ? string.Empty : string.Join(' ', Groups().Matches(View.Enrolment.Secret).Select(m => m.Value));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(null, ct);

    public async Task<IActionResult> OnPostAsync(string? password, string? code, CancellationToken ct)
    {
        var digits = new string([.. (code ?? string.Empty).Where(char.IsAsciiDigit)]);
        var completed = await setup.CompleteAsync(Token, password, digits, Client, ct);
        if (completed.IsSuccess)
        {
            Done = true;
            return Page();
        }

        return await ShowAsync(completed.Error, ct);
    }

    private async Task<IActionResult> ShowAsync(Error? error, CancellationToken ct)
    {
        var opened = await setup.OpenAsync(Token, options.Value.ProductName, ct);
        if (!opened.IsSuccess)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Fail(opened.Error);
        }

        View = opened.Value;
        QrSvg = Api.TwoFactor.QrSvg.For(View.Enrolment.OtpauthUri);
        if (error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Fail(error);
        }

        return Page();
    }

    [GeneratedRegex(".{1,4}")]
    private static partial Regex Groups();
}
