namespace Verigate.Core.SupportPins;

/// <summary>
/// The PIN a person reads to a support agent so the agent can confirm who is calling without asking for a code.
/// One per account (a newer one replaces it); stored only as a keyed hash; expiring, attempt-limited, single-use.
/// </summary>
public sealed record SupportPin(long UserId, byte[] PinHash, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, int Attempts = 0, DateTimeOffset? UsedAt = null);
