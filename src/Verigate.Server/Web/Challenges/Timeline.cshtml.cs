using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Verigate.Core.Challenges;

namespace Verigate.Server.Web.Challenges;

/// <summary>The delivery timeline alone, for the code page's script to refresh while "Didn't get the code?" is open.</summary>
public sealed class TimelineModel(AccountChallenges challenges, PendingChallengeCookie pending, TimeProvider time) : PageModel
{
    public CodeEntryView? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (pending.Read(Request, PendingChallenge.SignUp, PendingChallenge.SignIn, PendingChallenge.Reset, Contacts.ContactCodeModel.Flow) is not { } challenge)
        {
            return NotFound();
        }

        View = await CodeEntryView.LoadAsync(challenges, challenge.Id, time, ct);
        return View is null ? NotFound() : Page();
    }
}
