namespace Verigate.Core.Outbox;

/// <summary>Delivery states, in the order a message normally passes them.</summary>
public enum DeliveryStatus
{
    Queued,
    Sent,
    Accepted,
    Delivered,
    Failed,
    Dropped,
}
