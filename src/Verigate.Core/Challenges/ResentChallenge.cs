using Verigate.Core.Destinations;

namespace Verigate.Core.Challenges;

/// <summary>A challenge whose code was just sent again, and where it went this time.</summary>
public sealed record ResentChallenge(Challenge Challenge, Destination SentTo);
