using Verigate.Core.Destinations;

namespace Verigate.Core.Contacts;

/// <summary>
/// One verified addition of a contact, remembered for its safety hold and its undo: which contact came in, which one
/// of the same kind it displaced as primary (if any, with the rank it had, so an undo can put it back), and when.
/// </summary>
public sealed record ContactChange(
    string Id,
    long UserId,
    string Kind,
    long ContactId,
    Destination To,
    long? ReplacedContactId,
    Destination? Replaced,
    DateTimeOffset? ReplacedRank,
    DateTimeOffset ChangedAt,
    DateTimeOffset HoldUntil,
    string? DeviceName,
    DateTimeOffset? UndoneAt = null)
{
    /// <summary>A contact of a kind the account had no verified one of (the phone given at sign-up, a first email).</summary>
    public const string KindAdded = "added";

    /// <summary>A contact that became primary for its kind in place of a verified one.</summary>
    public const string KindReplaced = "replaced";

    public bool HoldsAt(DateTimeOffset now) => UndoneAt is null && now < HoldUntil;
}
