using Verigate.Core.Destinations;

namespace Verigate.Core.Accounts;

/// <summary>An email address or phone number of an account; only verified contacts can be used to sign in.</summary>
public sealed record Contact(long ContactId, long UserId, Destination Destination, bool Verified, DateTimeOffset CreatedAt);
