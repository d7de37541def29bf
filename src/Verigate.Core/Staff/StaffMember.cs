namespace Verigate.Core.Staff;

/// <summary>A person who works the support console; not an end user, with credentials and sessions of its own.</summary>
public sealed record StaffMember(long Id, string Name, StaffRole Role, DateTimeOffset CreatedAt, DateTimeOffset? SetUpAt = null, DateTimeOffset? DisabledAt = null)
{
    /// <summary>How audit events name this staff member (<see cref="Audit.AuditEvent.Actor"/>): names are unique and never renamed.</summary>
    public string Actor => ActorPrefix + Name;

    public const string ActorPrefix = "staff:";

    public bool IsDisabled => DisabledAt is not null;

    /// <summary>Can sign in: set up (own password and authenticator) and not disabled.</summary>
    public bool CanSignIn => SetUpAt is not null && DisabledAt is null;
}
