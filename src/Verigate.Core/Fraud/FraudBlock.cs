namespace Verigate.Core.Fraud;

/// <summary>SMS to <see cref="Scope"/> (such as "prefix:+4917012345") is refused until <see cref="BlockedUntil"/>.</summary>
public sealed record FraudBlock(string Scope, DateTimeOffset BlockedUntil, int Strikes, string Reason, DateTimeOffset UpdatedAt);
