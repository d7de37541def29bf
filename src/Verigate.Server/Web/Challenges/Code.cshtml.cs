using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Verigate.Core.Challenges;
using Verigate.Core.SignIn;
using Verigate.Server.Web.Sessions;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.Challenges;

/// <summary>The code of a sign-up or a new-device sign-in: the right one signs this browser in.</summary>
public sealed class CodeModel(
    IStringLocalizer<Text> text, AccountChallenges challenges, PendingChallengeCookie cookie, TimeProvider time, LoginFlow login, SessionCookies sessions)
    : CodePageModel(text, challenges, cookie, time, PendingChallenge.SignUp, PendingChallenge.SignIn)
{
    public override string RestartPath => Pending?.Flow == PendingChallenge.SignUp ? "/signup" : "/";

    public async Task<IActionResult> OnPostAsync(string? code, bool remember, CancellationToken ct)
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

        var session = await login.CompleteAsync(Pending!.Id, typed.Value, remember, Client, ct);
        if (!session.IsSuccess)
        {
            await LoadAsync(ct);
            return Fail(session.Error);
        }

        Cookie.Clear(Response);
        sessions.SignIn(Response, session.Value);
        return LocalRedirect("/account");
    }
}
