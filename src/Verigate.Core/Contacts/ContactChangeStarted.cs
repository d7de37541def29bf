using Verigate.Core.Destinations;

namespace Verigate.Core.Contacts;

/// <summary>A code on its way to the address being added: the challenge to verify, and where it went (masked when shown).</summary>
public sealed record ContactChangeStarted(string ChallengeId, Destination To, DateTimeOffset ExpiresAt);
