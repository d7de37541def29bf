using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Verigate.Core.ApiKeys;
using Verigate.Core.Staff;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.Console.Admin;

/// <summary>
/// Verify API keys for admins (the folder's policy): what <c>apikey create | list | revoke</c> does, through the same
/// <see cref="ApiKeyService"/> and the same audit events, with the admin as the actor. A new key's secret is in the
/// answer to the create request only; it is never stored or shown again.
/// </summary>
public sealed class ApiKeysModel(IStringLocalizer<Text> text, ApiKeyService keys, StaffBudgets budgets) : AdminPageModel(text, budgets)
{
    public IReadOnlyList<ApiKey> Keys { get; private set; } = [];

    /// <summary>The secret of the key just created, shown this once.</summary>
    public string? CreatedSecret { get; private set; }

    public string? CreatedName { get; private set; }

    public string? Done { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => ListAsync(ct);

    private async Task ListAsync(CancellationToken ct) => Keys = await keys.ListAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(string? name, CancellationToken ct)
    {
        if (!await MayActAsync(ct))
        {
            await ListAsync(ct);
            return Page();
        }

        name = name?.Trim();
        if (!ApiKeyService.IsValidName(name))
        {
            ErrorMessage = Text["admin.keys.invalid_name", ApiKeyService.MaxNameLength];
        }
        else if (await keys.CreateAsync(name!, StaffActor, ct) is { } secret)
        {
            (CreatedSecret, CreatedName) = (secret, name);
        }
        else
        {
            ErrorMessage = Text["admin.keys.taken", name!];
        }

        await ListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string? name, CancellationToken ct)
    {
        if (!await MayActAsync(ct))
        {
            await ListAsync(ct);
            return Page();
        }

        if (ApiKeyService.IsValidName(name) && await keys.RevokeAsync(name!, StaffActor, ct))
        {
            Done = Text["admin.keys.revoked", name!];
        }
        else
        {
            ErrorMessage = Text["admin.keys.not_found"];
        }

        await ListAsync(ct);
        return Page();
    }
}
