using Verigate.Core.Destinations;

namespace Verigate.Core.Outbox;

/// <summary>One step in a challenge's delivery timeline.</summary>
public sealed record DeliveryEvent(
    string ChallengeId,
    long OutboxId,
    Destination Destination,
    DeliveryStatus Status,
    DateTimeOffset At,
    string? Detail = null);
