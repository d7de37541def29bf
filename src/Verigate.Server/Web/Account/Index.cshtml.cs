using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Verigate.Core.Accounts;
using Verigate.Core.Identifiers;
using Verigate.Core.Results;
using Verigate.Server.Api.Auth;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.Account;

/// <summary>The security center: identifiers (username, user id, device ids), contacts, two-factor state, and how we contact people.</summary>
public sealed class AccountModel(IStringLocalizer<Text> text, AccountDirectory accounts, UsernameChange usernames) : WebPageModel(text)
{
    public Profile? Profile { get; private set; }

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : LocalRedirect("/");

    public async Task<IActionResult> OnPostRenameAsync(string? username, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(username) || username.Length > UsernameRules.MaxLength * 4)
        {
            await LoadAsync(ct);
            return Fail(new Error(ErrorCodes.InvalidUsername, "Choose a username."));
        }

        var renamed = await usernames.ChangeAsync(User.UserId(), User.AuthenticatedAt(), username.Trim(), Client, ct);
        await LoadAsync(ct);
        if (!renamed.IsSuccess)
        {
            return Fail(renamed.Error);
        }

        Notice = Text["account.renamed", renamed.Value.Username];
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var profile = await accounts.ProfileAsync(User.UserId(), User.DeviceId(), ct);
        Profile = profile.IsSuccess ? profile.Value : null;
        return Profile is not null;
    }
}
