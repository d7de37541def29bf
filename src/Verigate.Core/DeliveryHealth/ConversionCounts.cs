namespace Verigate.Core.DeliveryHealth;

/// <summary>Codes started in one group and how many of them were checked right.</summary>
public sealed record ConversionCounts(DeliveryGroup Group, long Started, long Converted);
