using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Verigate.Core.Challenges;
using Verigate.Core.Destinations;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.Challenges;

/// <summary>
/// What every code page shares: the pending challenge from its cookie, the view of where the code went, and
/// "send it again" (to the same address, or the other channel where the flow allows).
/// </summary>
public abstract class CodePageModel(IStringLocalizer<Text> text, AccountChallenges challenges, PendingChallengeCookie cookie, TimeProvider time, params string[] flows)
    : WebPageModel(text)
{
    protected AccountChallenges Challenges { get; } = challenges;

    protected PendingChallengeCookie Cookie { get; } = cookie;

    protected PendingChallenge? Pending { get; private set; }

    /// <summary>Null when the challenge has ended: the page then offers to start again.</summary>
    public CodeEntryView? View { get; private set; }

    /// <summary>A confirmation to announce (role=status), such as "we sent the code again".</summary>
    public string? Notice { get; protected set; }

    /// <summary>Where to start the flow again when its code can no longer be used.</summary>
    public abstract string RestartPath { get; }

    protected async Task<bool> LoadAsync(CancellationToken ct)
    {
        Pending = Cookie.Read(Request, flows);
        if (Pending is null)
        {
            return false;
        }

        View = await CodeEntryView.LoadAsync(Challenges, Pending.Id, time, ct);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : LocalRedirect(RestartPath);

    public async Task<IActionResult> OnPostResendAsync(string? channel, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return LocalRedirect(RestartPath);
        }

        var wanted = ChannelNames.ParseOptional(channel);
        var resent = wanted.IsSuccess ? await Challenges.ResendAsync(Pending!.Id, wanted.Value, Client, ct) : wanted.Error;
        if (!resent.IsSuccess)
        {
            return Fail(resent.Error);
        }

        await LoadAsync(ct);
        Notice = Text["code.resent", resent.Value.SentTo.Masked];
        return Page();
    }
}
