using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Verigate.Core.Support;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.Console.Accounts;

/// <summary>Find an account by username, user id, email, phone or device id (exact match); a hit opens the account view.</summary>
public sealed class FindModel(IStringLocalizer<Text> text, SupportAccounts accounts) : ConsolePageModel(text)
{
    [FromQuery(Name = "q")]
    public string? Q { get; set; }

    public bool Missing { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Q))
        {
            return Page();
        }

        if (await accounts.FindAsync(Q, ct) is { } userId)
        {
            return LocalRedirect(AccountModel.PathOf(userId));
        }

        Missing = true;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
