using System.Globalization;
using Verigate.Core.Accounts;
using Verigate.Core.Challenges;
using Verigate.Core.Destinations;
using Verigate.Server.Api.Json;

namespace Verigate.Server.Api.Accounts;

public sealed record CreateAccountRequest(string? Username, string? Password, string? Email, string? Phone, string? Locale, string? DeviceName);

public sealed record ContactResponse(string Channel, string To, bool Verified)
{
    public static ContactResponse From(Contact c) => new(c.Destination.Channel.ToWire(), c.Destination.Masked, c.Verified);
}

public sealed record CreateAccountResponse(
    string UserId, string Username, IReadOnlyList<ContactResponse> Contacts, string ChallengeId, string Channel, string To,
    DateTime ExpiresAt, DateTime ResendAvailableAt)
{
    public static CreateAccountResponse From(SignUpResult r) => new(
        r.Account.UserId.ToString(CultureInfo.InvariantCulture), r.Account.Username, r.Contacts.Select(ContactResponse.From).ToList(),
        r.Challenge.Id, r.Challenge.Destination.Channel.ToWire(), r.Challenge.Destination.Masked,
        Rfc3339.Utc(r.Challenge.ExpiresAt), Rfc3339.Utc(r.Challenge.NextSendAt));
}

/// <summary>The answer whenever a code was sent to continue an account flow.</summary>
public sealed record ChallengeStartedResponse(string ChallengeId, string Reason, string Channel, string To, DateTime ExpiresAt, DateTime ResendAvailableAt)
{
    public static ChallengeStartedResponse From(Challenge c, string reason) =>
        new(c.Id, reason, c.Destination.Channel.ToWire(), c.Destination.Masked, Rfc3339.Utc(c.ExpiresAt), Rfc3339.Utc(c.NextSendAt));
}
