using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Verigate.Core;
using Verigate.Core.Staff;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.Console.Admin;

/// <summary>
/// Staff members for admins (the folder's policy): what <c>staff create | list | disable | renew-setup</c> does, through
/// <see cref="StaffDirectory"/>, audited with the admin as the actor. A new member gets a single-use setup link, shown
/// in the answer to the create request only; nobody chooses their password for them. A member who lost their phone or
/// password gets a new link the same way, which ends their sessions and the link before it.
/// </summary>
public sealed class StaffModel(IStringLocalizer<Text> text, StaffDirectory directory, IOptions<VerigateOptions> options, StaffBudgets budgets) : AdminPageModel(text, budgets)
{
    public IReadOnlyList<StaffMember> Members { get; private set; } = [];

    /// <summary>The setup link of the member just created or renewed, shown this once.</summary>
    public string? SetupLink { get; private set; }

    /// <summary>Whose <see cref="SetupLink"/> it is.</summary>
    public StaffMember? LinkFor { get; private set; }

    /// <summary>Whether <see cref="SetupLink"/> replaces an earlier one (renewed) rather than belonging to a new member.</summary>
    public bool Renewed { get; private set; }

    public string? Done { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => ListAsync(ct);

    private async Task ListAsync(CancellationToken ct) => Members = await directory.ListAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(string? name, string? role, CancellationToken ct)
    {
        if (!await MayActAsync(ct))
        {
            await ListAsync(ct);
            return Page();
        }

        if (StaffRoles.Parse(role) is not { } parsedRole)
        {
            ErrorMessage = Text["admin.staff.invalid_role"];
        }
        else
        {
            var link = await directory.CreateAsync(name ?? string.Empty, parsedRole, StaffActor, ct);
            if (link.IsSuccess)
            {
                Show(link.Value);
            }
            else
            {
                ErrorMessage = ErrorText.For(Text, link.Error);
            }
        }

        await ListAsync(ct);
        return Page();
    }

    // Disabling oneself would end this very session and could leave nobody to manage staff.
    public Task<IActionResult> OnPostDisableAsync(string? name, CancellationToken ct) =>
        ForAnotherMemberAsync(name, "admin.staff.not_self", async member =>
        {
            var disabled = await directory.DisableAsync(member, StaffActor, ct);
            if (disabled.IsSuccess)
            {
                Done = Text["admin.staff.disabled", disabled.Value.Name];
            }

            return disabled.IsSuccess;
        }, ct);

    // Renewing ends the member's sessions, so renewing oneself would sign this admin out mid-answer.
    public Task<IActionResult> OnPostRenewAsync(string? name, CancellationToken ct) =>
        ForAnotherMemberAsync(name, "admin.staff.renew_not_self", async member =>
        {
            var link = await directory.RenewSetupAsync(member, StaffActor, ct);
            if (link.IsSuccess)
            {
                Show(link.Value);
                Renewed = true;
            }

            return link.IsSuccess;
        }, ct);

    /// <summary>
    /// An admin change to the member named <paramref name="name"/>, charged to the admin's budget, refused (with
    /// <paramref name="notSelfText"/>) when it names the admin themselves; <paramref name="change"/> answers whether an
    /// enabled member of that name was there to change.
    /// </summary>
    private async Task<IActionResult> ForAnotherMemberAsync(string? name, string notSelfText, Func<string, Task<bool>> change, CancellationToken ct)
    {
        if (await MayActAsync(ct))
        {
            if (name is not null && StaffDirectory.Normalize(name) == User.StaffName())
            {
                ErrorMessage = Text[notSelfText];
            }
            else if (!await change(name ?? string.Empty))
            {
                ErrorMessage = Text["admin.staff.not_found"];
            }
        }

        await ListAsync(ct);
        return Page();
    }

    private void Show(StaffSetupLink link)
    {
        LinkFor = link.Staff;
        SetupLink = new Uri(options.Value.PublicBase, StaffSetupLink.PagePath + link.Token).ToString();
    }
}
