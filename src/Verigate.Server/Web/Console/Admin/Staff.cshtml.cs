using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Verigate.Core;
using Verigate.Core.Staff;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.Console.Admin;

/// <summary>
/// Staff members for admins (the folder's policy): what <c>staff create | list | disable</c> does, through
/// <see cref="StaffDirectory"/>, audited with the admin as the actor. A new member gets a single-use setup link, shown
/// in the answer to the create request only; nobody chooses their password for them.
/// </summary>
public sealed class StaffModel(IStringLocalizer<Text> text, StaffDirectory directory, IOptions<VerigateOptions> options, StaffBudgets budgets) : AdminPageModel(text, budgets)
{
    public IReadOnlyList<StaffMember> Members { get; private set; } = [];

    /// <summary>The setup link of the member just created, shown this once.</summary>
    public string? SetupLink { get; private set; }

    public StaffMember? Created { get; private set; }

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
                Created = link.Value.Staff;
                SetupLink = new Uri(options.Value.PublicBase, StaffSetupLink.PagePath + link.Value.Token).ToString();
            }
            else
            {
                ErrorMessage = ErrorText.For(Text, link.Error);
            }
        }

        await ListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(string? name, CancellationToken ct)
    {
        if (!await MayActAsync(ct))
        {
            await ListAsync(ct);
            return Page();
        }

        if (name is null || StaffDirectory.Normalize(name) == User.StaffName())
        {
            // Disabling oneself would end this very session and could leave nobody to manage staff.
            ErrorMessage = Text["admin.staff.not_self"];
        }
        else if ((await directory.DisableAsync(name, StaffActor, ct)).IsSuccess)
        {
            Done = Text["admin.staff.disabled", StaffDirectory.Normalize(name)];
        }
        else
        {
            ErrorMessage = Text["admin.staff.not_found"];
        }

        await ListAsync(ct);
        return Page();
    }
}
