using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Verigate.Core.Destinations;
using Verigate.Core.Results;
using Verigate.Core.Support;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.Console.Accounts;

/// <summary>
/// The account view: what an agent needs on a call and nothing secret (masked contacts, which factors exist, devices,
/// sessions, recent codes with their delivery timeline and the provider's answer, activity), verifying the caller by
/// support PIN, and the actions. Every handler is checked on the server (the folder's agent policy; the actions
/// themselves need a verified caller or an admin, in <see cref="SupportActionService"/>). No field takes a code.
/// </summary>
public sealed class AccountModel(
    IStringLocalizer<Text> text, SupportAccounts accounts, CallerVerification callers, SupportActionService actions) : ConsolePageModel(text)
{
    public static string PathOf(long userId) => "/console/accounts/" + userId.ToString(CultureInfo.InvariantCulture);

    [FromRoute]
    public long UserId { get; set; }

    [FromQuery(Name = "done")]
    public string? Done { get; set; }

    public SupportAccountView? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(ct);

    public async Task<IActionResult> OnPostVerifyAsync(string? pin, CancellationToken ct)
    {
        var verified = await callers.VerifyAsync(UserId, pin, StaffId, StaffActor, ct);
        return verified.IsSuccess ? LocalRedirect(PathOf(UserId) + "?done=verified") : await FailAsync(verified.Error, ct);
    }

    public async Task<IActionResult> OnPostActAsync(string? action, string? reason, string? challengeId, string? channel, CancellationToken ct)
    {
        if (SupportActions.Parse(action) is not { } parsed)
        {
            return await FailAsync(Error.InvalidRequest("action", "Choose an action."), ct);
        }

        Channel? via = ChannelNames.TryParse(channel, out var c) ? c : null;
        var done = await actions.ExecuteAsync(new SupportActor(StaffId, StaffActor, IsAdmin), new SupportActionRequest(UserId, parsed, reason, challengeId, via), Client, ct);
        return done.IsSuccess ? LocalRedirect(PathOf(UserId) + "?done=" + done.Value.ToWire()) : await FailAsync(done.Error, ct);
    }

    private async Task<IActionResult> FailAsync(Error error, CancellationToken ct)
    {
        Done = null;
        var shown = await ShowAsync(ct);
        if (View is not null)
        {
            ErrorMessage = ErrorText.For(Text, error);
            Response.StatusCode = error.Code switch
            {
                ErrorCodes.SupportCallerNotVerified => StatusCodes.Status403Forbidden,
                ErrorCodes.RateLimited => StatusCodes.Status429TooManyRequests,
                ErrorCodes.NotFound => StatusCodes.Status404NotFound,
                _ => StatusCodes.Status400BadRequest,
            };
        }

        return shown;
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        View = await accounts.ViewAsync(UserId, StaffId, StaffActor, ct);
        return View is null ? NotFound() : Page();
    }
}
