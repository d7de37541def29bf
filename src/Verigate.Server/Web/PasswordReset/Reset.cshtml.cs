using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Verigate.Core.PasswordReset;
using Verigate.Core.Results;
using Verigate.Core.SignIn;
using Verigate.Server.Web.Challenges;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.PasswordReset;

/// <summary>
/// Starts a password reset. Every login gets the same next page (a decoy challenge for unknown ones), so the page
/// never tells whether an account exists.
/// </summary>
public sealed class ResetModel(IStringLocalizer<Text> text, PasswordResetFlow resets, PendingChallengeCookie pending) : WebPageModel(text)
{
    public string? Login { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? login, CancellationToken ct)
    {
        Login = login?.Trim();
        if (string.IsNullOrEmpty(Login) || Login.Length > LoginResolver.MaxLength)
        {
            return Fail(Error.InvalidRequest("login", "Enter your username, email address or phone number."));
        }

        var started = await resets.StartAsync(Login, Client, ct);
        if (!started.IsSuccess)
        {
            return Fail(started.Error);
        }

        pending.Write(Response, new PendingChallenge(PendingChallenge.Reset, started.Value.ChallengeId, []));
        return LocalRedirect("/reset/code");
    }
}
