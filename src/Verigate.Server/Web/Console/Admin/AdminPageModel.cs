using Microsoft.Extensions.Localization;
using Verigate.Core.Staff;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.Console.Admin;

/// <summary>What the admin pages share: every change they make is charged to the acting admin's <see cref="StaffBudgets.AdminChanges"/> first.</summary>
public abstract class AdminPageModel(IStringLocalizer<Text> text, StaffBudgets budgets) : ConsolePageModel(text)
{
    /// <summary>False (with the message and a 429) when the admin has made too many changes for now.</summary>
    protected async Task<bool> MayActAsync(CancellationToken ct)
    {
        if (await budgets.ChargeAsync(StaffBudgets.AdminChanges, StaffId, ct) is not { } limited)
        {
            return true;
        }

        ErrorMessage = ErrorText.For(Text, limited);
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        return false;
    }
}
