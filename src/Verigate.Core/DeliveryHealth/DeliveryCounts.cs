namespace Verigate.Core.DeliveryHealth;

/// <summary>
/// Code messages of one group: handed to a provider (sent), taken by it (accepted or delivered), confirmed delivered,
/// and failed for good (a permanent failure and no delivery report).
/// </summary>
public sealed record DeliveryCounts(DeliveryGroup Group, long Sent, long Accepted, long Delivered, long Failed);
