using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Verigate.Core.Accounts;
using Verigate.Core.Passkeys;
using Verigate.Core.Results;
using Verigate.Server.Api.Auth;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.Passkeys;

/// <summary>The security center's passkeys: add one (WebAuthn registration, fresh session), rename, remove.</summary>
public sealed class PasskeysModel(
    IStringLocalizer<Text> text, PasskeySettings passkeys, WebAuthnCeremonies ceremonies, AccountDirectory accounts, Verigate.Core.Sessions.SessionFreshness freshness)
    : WebPageModel(text)
{
    public const string Path = "/account/passkeys";

    public IReadOnlyList<Passkey> List { get; private set; } = [];

    public string? Notice { get; private set; }

    /// <summary>Credential ids in forms and ids: base64url, as WebAuthn writes them.</summary>
    public static string Id(byte[] credentialId) => Convert.ToBase64String(credentialId).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async Task OnGetAsync(CancellationToken ct) => List = await passkeys.ListAsync(User.UserId(), ct);

    /// <summary>Registration options for the page's script; a stale session is sent to re-authenticate first.</summary>
    public async Task<IActionResult> OnPostOptionsAsync(CancellationToken ct)
    {
        if (freshness.Require(User.AuthenticatedAt()) is not null)
        {
            return new JsonResult(new Dictionary<string, string> { ["redirect"] = Account.ReauthenticateModel.Path + "?returnUrl=" + Uri.EscapeDataString(Path) });
        }

        var account = await accounts.FindAsync(User.UserId(), ct);
        var json = ceremonies.StartRegistration(Response, User.UserId(), account?.Username ?? "user", await passkeys.ListAsync(User.UserId(), ct));
        return Content(json, "application/json");
    }

    public async Task<IActionResult> OnPostAsync(string? credential, string? name, CancellationToken ct)
    {
        var label = string.IsNullOrWhiteSpace(name) ? Text["passkeys.defaultname"].Value : name.Trim();
        label = label.Length > PasskeySettings.MaxNameLength ? label[..PasskeySettings.MaxNameLength] : label;
        var created = credential is { Length: > 0 and < 16_000 } ? await ceremonies.FinishRegistrationAsync(HttpContext, User.UserId(), credential, label, ct) : null;
        if (created is null)
        {
            await OnGetAsync(ct);
            return Fail(new Error(ErrorCodes.InvalidRequest, "The passkey could not be verified."));
        }

        var added = await passkeys.AddAsync(created, User.AuthenticatedAt(), Client, ct);
        await OnGetAsync(ct);
        if (!added.IsSuccess)
        {
            return Fail(added.Error);
        }

        Notice = Text["passkeys.addeddone", label];
        return Page();
    }

    public async Task<IActionResult> OnPostRenameAsync(string? id, string? name, CancellationToken ct)
    {
        if (Parse(id) is { } credentialId && !string.IsNullOrWhiteSpace(name) && name.Trim().Length <= PasskeySettings.MaxNameLength)
        {
            await passkeys.RenameAsync(User.UserId(), credentialId, name.Trim(), ct);
        }

        return LocalRedirect(Path);
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? id, CancellationToken ct)
    {
        if (Parse(id) is not { } credentialId)
        {
            return LocalRedirect(Path);
        }

        var removed = await passkeys.RemoveAsync(User.UserId(), credentialId, User.AuthenticatedAt(), Client, ct);
        if (!removed.IsSuccess && removed.Error.Code == ErrorCodes.ReauthenticationRequired)
        {
            return LocalRedirect(Account.ReauthenticateModel.Path + "?returnUrl=" + Uri.EscapeDataString(Path));
        }

        return LocalRedirect(Path);
    }

    private static byte[]? Parse(string? id)
    {
        if (id is not { Length: > 0 and < 1400 })
        {
            return null;
        }

        var base64 = id.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
