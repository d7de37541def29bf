namespace Verigate.Core.Staff;

/// <summary>A console session; the cookie's token is kept only as a hash.</summary>
public sealed record StaffSession(string Id, long StaffId, byte[] TokenHash, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, DateTimeOffset? EndedAt = null);

/// <summary>A console session just started: the token for the cookie (shown once) and who it is for.</summary>
public sealed record IssuedStaffSession(string Token, StaffMember Staff, StaffSession Session);

/// <summary>A console session that is valid now, and its staff member.</summary>
public sealed record ActiveStaffSession(StaffMember Staff, StaffSession Session);
