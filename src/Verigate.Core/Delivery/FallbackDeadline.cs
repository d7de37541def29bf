namespace Verigate.Core.Delivery;

/// <summary>
/// An SMS that was sent but not yet confirmed: unless a delivery report arrives by <paramref name="DueAt"/>, the same
/// code also goes by email. Kept in the store so a restart does not forget it.
/// </summary>
public sealed record FallbackDeadline(long OutboxId, string ChallengeId, DateTimeOffset DueAt);
