using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Verigate.Core.Challenges;
using Verigate.Core.Contacts;
using Verigate.Server.Api.Auth;
using Verigate.Server.Web.Challenges;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.Contacts;

/// <summary>The code sent to the address being added: the right one makes it verified (and primary for its kind).</summary>
public sealed class ContactCodeModel(
    IStringLocalizer<Text> text, AccountChallenges challenges, PendingChallengeCookie cookie, TimeProvider time, ContactChangeFlow contacts)
    : CodePageModel(text, challenges, cookie, time, Flow)
{
    public const string Flow = "contact";

    public const string Path = "/account/contacts/code";

    public override string RestartPath => AddContactModel.Path;

    public async Task<IActionResult> OnPostAsync(string? code, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return LocalRedirect(RestartPath);
        }

        var typed = CodeInput.Normalize(code);
        if (!typed.IsSuccess)
        {
            return Fail(typed.Error);
        }

        var verified = await contacts.CompleteAsync(Pending!.Id, typed.Value, Client, ct, User.UserId());
        if (!verified.IsSuccess)
        {
            await LoadAsync(ct);
            return Fail(verified.Error);
        }

        Cookie.Clear(Response);
        return LocalRedirect(AddContactModel.Path + "?done=verified");
    }
}
