using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Verigate.Core.Contacts;
using Verigate.Core.Destinations;
using Verigate.Core.Results;
using Verigate.Server.Api.Auth;
using Verigate.Server.Web.Challenges;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.Contacts;

/// <summary>
/// The security center's contacts: add or change an email address or phone number (a code goes to it; see
/// <see cref="ContactCodeModel"/>), verify one given at sign-up, or remove one. Changes need a fresh session.
/// </summary>
public sealed class AddContactModel(IStringLocalizer<Text> text, ContactChangeFlow contacts, PendingChallengeCookie cookie) : WebPageModel(text)
{
    public const string Path = "/account/contacts";

    public IReadOnlyList<Contact> Contacts { get; private set; } = [];

    public string? Notice { get; private set; }

    /// <summary>What the form had, to show it again after a refusal.</summary>
    public string Kind { get; private set; } = "email";

    public string? Value { get; private set; }

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        Contacts = await contacts.ListAsync(User.UserId(), ct);
        Notice = done switch
        {
            "verified" => Text["contacts.verified"].Value,
            "removed" => Text["contacts.removed"].Value,
            _ => null,
        };
    }

    public async Task<IActionResult> OnPostAsync(string? kind, string? value, CancellationToken ct)
    {
        Kind = kind == "phone" ? "phone" : "email";
        Value = value;
        return await StartAsync(Kind == "email" ? value ?? string.Empty : null, Kind == "phone" ? value ?? string.Empty : null, ct);
    }

    /// <summary>Sends a code to a contact the account has but has not verified (the phone given at sign-up).</summary>
    public async Task<IActionResult> OnPostVerifyAsync(long contactId, CancellationToken ct)
    {
        var contact = (await contacts.ListAsync(User.UserId(), ct)).FirstOrDefault(c => c.ContactId == contactId);
        if (contact is null)
        {
            return await FailAsync(new Error(ErrorCodes.ContactNotFound, "No such contact."), ct);
        }

        var value = contact.Destination.Value;
        return await StartAsync(contact.Destination.IsPhone ? null : value, contact.Destination.IsPhone ? value : null, ct);
    }

    public async Task<IActionResult> OnPostRemoveAsync(long contactId, CancellationToken ct)
    {
        var removed = await contacts.RemoveAsync(User.UserId(), User.DeviceId(), User.AuthenticatedAt(), contactId, Client, ct);
        if (!removed.IsSuccess)
        {
            return removed.Error.Code == ErrorCodes.ReauthenticationRequired ? Reauthenticate() : await FailAsync(removed.Error, ct);
        }

        return LocalRedirect(Path + "?done=removed");
    }

    private async Task<IActionResult> StartAsync(string? email, string? phone, CancellationToken ct)
    {
        var started = await contacts.StartAsync(User.UserId(), User.DeviceId(), User.AuthenticatedAt(), email, phone, Client, ct);
        if (!started.IsSuccess)
        {
            return started.Error.Code == ErrorCodes.ReauthenticationRequired ? Reauthenticate() : await FailAsync(started.Error, ct);
        }

        cookie.Write(Response, new PendingChallenge(ContactCodeModel.Flow, started.Value.ChallengeId, []));
        return LocalRedirect(ContactCodeModel.Path);
    }

    private IActionResult Reauthenticate() => LocalRedirect(Account.ReauthenticateModel.Path + "?returnUrl=" + Uri.EscapeDataString(Path));

    private async Task<IActionResult> FailAsync(Error error, CancellationToken ct)
    {
        Contacts = await contacts.ListAsync(User.UserId(), ct);
        return Fail(error);
    }

    /// <summary>The primary contact of each kind, to mark in the list.</summary>
    public bool IsPrimary(Contact contact) =>
        contact.Verified && ContactPicker.Primary([.. Contacts.Where(c => c.Verified && c.Destination.Channel == contact.Destination.Channel)])?.ContactId == contact.ContactId;

    public string KindName(Channel channel) => channel == Channel.Sms ? Text["channel.phone"] : Text["channel.email"];
}
