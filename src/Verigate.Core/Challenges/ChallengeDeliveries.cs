using Verigate.Core.Outbox;

namespace Verigate.Core.Challenges;

/// <summary>A challenge's delivery timeline, with when the person may ask for the code again.</summary>
public sealed record ChallengeDeliveries(Challenge Challenge, IReadOnlyList<DeliveryEvent> Events);
