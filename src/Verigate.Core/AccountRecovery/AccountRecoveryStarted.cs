using Verigate.Core.Destinations;

namespace Verigate.Core.AccountRecovery;

/// <summary>The first step of a recovery passed (the password): a code went to a verified contact.</summary>
public sealed record AccountRecoveryStarted(string ChallengeId, Channel Channel, string MaskedTo, DateTimeOffset ExpiresAt);
