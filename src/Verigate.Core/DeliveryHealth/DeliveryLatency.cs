namespace Verigate.Core.DeliveryHealth;

/// <summary>One delivered message: how long from queued to the provider's delivery report.</summary>
public sealed record DeliveryLatency(DeliveryGroup Group, TimeSpan TimeToDelivered);
