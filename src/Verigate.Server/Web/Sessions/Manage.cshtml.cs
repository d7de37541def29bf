using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Verigate.Core.Devices;
using Verigate.Core.Results;
using Verigate.Core.Sessions;
using Verigate.Server.Api.Auth;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.Sessions;

/// <summary>
/// The security center's "Sessions and devices": where the account is signed in (sign one out, or every other one)
/// and its devices with their ids (forget a remembered one). No fresh session needed: each action only takes access away.
/// </summary>
[Authorize(Policy = WebSession.Policy)]
public sealed class ManageModel(IStringLocalizer<Text> text, AccountSessions sessions, AccountDevices devices, SessionCookies cookies) : WebPageModel(text)
{
    public const string Path = "/account/sessions";

    public IReadOnlyList<ActiveSession> Sessions { get; private set; } = [];

    public IReadOnlyList<AccountDevice> Devices { get; private set; } = [];

    public string? Notice { get; private set; }

    public static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostRevokeAsync(string? sessionId, CancellationToken ct)
    {
        if (!SessionIds.IsWellFormed(sessionId))
        {
            await LoadAsync(ct);
            return Fail(new Error(ErrorCodes.SessionNotFound, "No such session."));
        }

        var name = (await sessions.ListAsync(User.UserId(), User.SessionId(), ct)).FirstOrDefault(s => s.SessionId == sessionId)?.DeviceName;
        var revoked = await sessions.RevokeAsync(User.UserId(), User.SessionId(), sessionId!, Client, ct);
        if (revoked.IsSuccess && sessionId == User.SessionId())
        {
            cookies.SignOut(Response); // this browser's own session: the same as "Sign out"
            return LocalRedirect("/");
        }

        await LoadAsync(ct);
        if (!revoked.IsSuccess)
        {
            return Fail(revoked.Error);
        }

        Notice = Text["sessions.revoked", name ?? string.Empty];
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeOthersAsync(CancellationToken ct)
    {
        var count = await sessions.RevokeOthersAsync(User.UserId(), User.SessionId(), Client, ct);
        await LoadAsync(ct);
        Notice = Text["sessions.others.done", count];
        return Page();
    }

    public async Task<IActionResult> OnPostForgetAsync(string? deviceId, CancellationToken ct)
    {
        if (!long.TryParse(deviceId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            await LoadAsync(ct);
            return Fail(new Error(ErrorCodes.DeviceNotFound, "No such device."));
        }

        var forgotten = await devices.ForgetAsync(User.UserId(), id, Client, ct);
        await LoadAsync(ct);
        if (!forgotten.IsSuccess)
        {
            return Fail(forgotten.Error);
        }

        Notice = Text["sessions.device.forgotten", Devices.FirstOrDefault(d => d.Device.DeviceId == id)?.Device.Name ?? string.Empty];
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Sessions = await sessions.ListAsync(User.UserId(), User.SessionId(), ct);
        Devices = await devices.ListAsync(User.UserId(), User.DeviceId(), ct);
    }
}
