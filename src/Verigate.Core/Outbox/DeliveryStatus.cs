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

    /// <summary>Not sent: the SMS guard held it (geo permission, velocity, a blocked prefix, a spent budget).</summary>
    Refused,
}
