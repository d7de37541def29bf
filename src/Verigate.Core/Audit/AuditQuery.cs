namespace Verigate.Core.Audit;

/// <summary>
/// Filters of the audit viewer, each optional and exact: the account, the actor (a staff member's
/// <c>staff:name</c>), the event type and a time range [From, To). Without <see cref="StaffEvents"/> only events about
/// an account that no staff member performed are read (what an agent sees); with it, everything (an admin).
/// </summary>
public sealed record AuditQuery(
    long? UserId = null,
    string? Actor = null,
    string? Type = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    bool StaffEvents = false)
{
    /// <summary>How actors that are staff members start (<c>staff:</c> and the name).</summary>
    public const string StaffActorPrefix = "staff:";
}
