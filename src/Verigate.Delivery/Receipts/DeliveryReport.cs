using Verigate.Core.Outbox;

namespace Verigate.Delivery.Receipts;

/// <summary>A gateway's report on one message, as it arrived at the callback URL.</summary>
public sealed record DeliveryReport(
    string ChallengeId,
    long OutboxId,
    string Token,
    DeliveryStatus Status,
    string Detail,
    string? ProviderMessageId,
    string? ProviderReason);
