using Verigate.Core.Outbox;

namespace Verigate.Delivery.Channels;

/// <summary>What a channel reports for one message: a timeline status, or a failure that may be retried.</summary>
public sealed record SendOutcome(DeliveryStatus Status, string? Detail, bool Retry = false)
{
    public bool Succeeded => Status is DeliveryStatus.Sent or DeliveryStatus.Accepted or DeliveryStatus.Delivered;
}
