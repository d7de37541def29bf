namespace Verigate.Core.Support;

/// <summary>Who acts in the console: the staff member's id, how the audit trail names them, and whether they are an admin.</summary>
public sealed record SupportActor(long StaffId, string Actor, bool IsAdmin);

/// <summary>One action on one account, with the reason the agent gives; a code action names its challenge (and a resend may name a channel).</summary>
public sealed record SupportActionRequest(long UserId, SupportAction Action, string? Reason, string? ChallengeId = null, Destinations.Channel? Channel = null);
