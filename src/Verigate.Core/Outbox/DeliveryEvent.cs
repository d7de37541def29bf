using Verigate.Core.Destinations;

namespace Verigate.Core.Outbox;

/// <summary>
/// One step in a challenge's delivery timeline. <see cref="Detail"/> is our own wording and safe to show anyone
/// holding the challenge; <see cref="ProviderReason"/> is the gateway's raw text, for integrators and operators only.
/// <see cref="Provider"/> names the way out that took the message (<c>smtp</c>, <c>kannel</c>, <c>http</c>,
/// <c>dev_inbox</c>), for delivery health; null for steps no provider took.
/// </summary>
public sealed record DeliveryEvent(
    string ChallengeId,
    long OutboxId,
    Destination Destination,
    DeliveryStatus Status,
    DateTimeOffset At,
    string? Detail = null,
    string? ProviderMessageId = null,
    string? ProviderReason = null,
    string? Provider = null);
