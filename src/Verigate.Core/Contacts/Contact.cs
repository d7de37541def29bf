using Verigate.Core.Destinations;

namespace Verigate.Core.Contacts;

/// <summary>An email address or phone number of an account; only verified contacts can be used to sign in.</summary>
/// <param name="ContactId">Its id, issued like user ids.</param>
/// <param name="UserId">The account it belongs to.</param>
/// <param name="Destination">The normalized address.</param>
/// <param name="Verified">Whether a code sent to it was entered (only verified contacts sign in and get codes first).</param>
/// <param name="CreatedAt">When it was added.</param>
/// <param name="RankedAt">
/// Where the contact ranks when one is picked (earlier first); null means its creation time. A contact that replaces
/// another takes over the replaced one's rank, so it becomes primary for its kind without reordering the others.
/// </param>
public sealed record Contact(long ContactId, long UserId, Destination Destination, bool Verified, DateTimeOffset CreatedAt, DateTimeOffset? RankedAt = null)
{
    public DateTimeOffset Rank => RankedAt ?? CreatedAt;
}
