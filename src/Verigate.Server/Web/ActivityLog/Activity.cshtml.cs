using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Verigate.Core.ActivityLog;
using Verigate.Server.Api.Auth;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.ActivityLog;

/// <summary>Recent activity: the account's security events, newest first, a page at a time, in the person's language.</summary>
public sealed class ActivityModel(IStringLocalizer<Text> text, AccountActivity activity) : WebPageModel(text)
{
    public const int PageSize = 20;

    public IReadOnlyList<ActivityEntry> Entries { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? cursor, CancellationToken ct)
    {
        var page = await activity.ListAsync(User.UserId(), cursor, PageSize, ct);
        if (!page.IsSuccess)
        {
            // A hand-edited cursor: show the newest page instead of an error.
            return LocalRedirect("/account/activity");
        }

        Entries = page.Value.Entries;
        NextCursor = page.Value.NextCursor;
        return Page();
    }

    /// <summary>The entry in words: the page's own text for its type, else the API's English sentence.</summary>
    public string Describe(ActivityEntry entry)
    {
        var words = Text["activity.type." + entry.Type];
        return words.ResourceNotFound ? entry.Detail : words.Value;
    }
}
