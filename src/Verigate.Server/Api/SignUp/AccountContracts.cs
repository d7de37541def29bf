using System.Globalization;
using Verigate.Core.Challenges;
using Verigate.Core.Contacts;
using Verigate.Core.Destinations;
using Verigate.Core.SignUp;
using Verigate.Server.Api.Json;

namespace Verigate.Server.Api.SignUp;

public sealed record CreateAccountRequest(string? Username, string? Password, string? Email, string? Phone, string? Locale, string? DeviceName);

// contactId: a decimal string, for DELETE /v1/me/contacts/{contactId}; primary: the verified contact of its kind that
// codes and notices go to first.
public sealed record ContactResponse(string ContactId, string Channel, string To, bool Verified, bool Primary)
{
    public static ContactResponse From(Contact c, bool primary = false) =>
        new(c.ContactId.ToString(CultureInfo.InvariantCulture), c.Destination.Channel.ToWire(), c.Destination.Masked, c.Verified, primary);

    /// <summary>An account's contacts, each kind's primary marked.</summary>
    public static List<ContactResponse> ListOf(IReadOnlyList<Contact> contacts)
    {
        var primaries = contacts.Where(c => c.Verified).GroupBy(c => c.Destination.Channel)
            .Select(g => ContactPicker.Primary([.. g])!.ContactId).ToHashSet();
        return contacts.Select(c => From(c, primaries.Contains(c.ContactId))).ToList();
    }
}

public sealed record CreateAccountResponse(
    string UserId, string Username, IReadOnlyList<ContactResponse> Contacts, string ChallengeId, string Channel, string To,
    DateTime ExpiresAt, DateTime ResendAvailableAt)
{
    public static CreateAccountResponse From(SignUpResult r) => new(
        r.Account.UserId.ToString(CultureInfo.InvariantCulture), r.Account.Username, r.Contacts.Select(c => ContactResponse.From(c)).ToList(),
        r.Challenge.Id, r.Challenge.Destination.Channel.ToWire(), r.Challenge.Destination.Masked,
        Rfc3339.Utc(r.Challenge.ExpiresAt), Rfc3339.Utc(r.Challenge.NextSendAt));
}

/// <summary>The answer whenever a code was sent to continue an account flow.</summary>
public sealed record ChallengeStartedResponse(string ChallengeId, string Reason, string Channel, string To, DateTime ExpiresAt, DateTime ResendAvailableAt)
{
    public static ChallengeStartedResponse From(Challenge c, string reason) =>
        new(c.Id, reason, c.Destination.Channel.ToWire(), c.Destination.Masked, Rfc3339.Utc(c.ExpiresAt), Rfc3339.Utc(c.NextSendAt));
}
