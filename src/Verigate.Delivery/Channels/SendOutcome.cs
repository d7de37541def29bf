using Verigate.Core.Outbox;

namespace Verigate.Delivery.Channels;

/// <summary>
/// What a channel reports for one message: a timeline status, or a failure that may be retried.
/// <see cref="Detail"/> is our own plain wording; <see cref="ProviderReason"/> is the provider's raw answer
/// (shown only to authenticated integrators and operators); <see cref="ProviderMessageId"/> matches receipts.
/// </summary>
public sealed record SendOutcome(DeliveryStatus Status, string? Detail, bool Retry = false)
{
    public string? ProviderMessageId { get; init; }
    public string? ProviderReason { get; init; }

    /// <summary>The sender that produced this outcome (<see cref="IMessageSender.Provider"/>); set by the dispatcher.</summary>
    public string? Provider { get; init; }

    public bool Succeeded => Status is DeliveryStatus.Sent or DeliveryStatus.Accepted or DeliveryStatus.Delivered;
}
