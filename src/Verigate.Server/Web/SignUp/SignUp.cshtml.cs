using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Verigate.Core.Results;
using Verigate.Core.SignUp;
using Verigate.Server.Web.Challenges;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.SignUp;

/// <summary>Sign-up: the account and its first contact; the code sent there is entered on the code page.</summary>
public sealed class SignUpModel(IStringLocalizer<Text> text, SignUpFlow signUp, PendingChallengeCookie pending) : WebPageModel(text)
{
    private const int MaxField = 320;

    public string? Username { get; private set; }

    public string? Email { get; private set; }

    public string? Phone { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? username, string? password, string? email, string? phone, CancellationToken ct)
    {
        (Username, Email, Phone) = (username?.Trim(), Blank(email), Blank(phone));
        if (Username is null or { Length: > MaxField } || password is null or { Length: > MaxField } || Email is { Length: > MaxField } || Phone is { Length: > MaxField })
        {
            return Fail(Error.InvalidRequest("username", "Fill in the form."));
        }

        if (Email is null && Phone is null)
        {
            return Fail(new Error(ErrorCodes.InvalidDestination, "Give an email address or a phone number.", "email"));
        }

        var created = await signUp.SignUpAsync(new SignUpRequest(Username, password, Email, Phone, Language), Client, ct);
        if (!created.IsSuccess)
        {
            return Fail(created.Error);
        }

        pending.Write(Response, new PendingChallenge(PendingChallenge.SignUp, created.Value.Challenge.Id, []));
        return LocalRedirect("/code");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
