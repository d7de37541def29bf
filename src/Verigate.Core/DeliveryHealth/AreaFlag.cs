namespace Verigate.Core.DeliveryHealth;

/// <summary>An area whose conversion in the window fell well below its own baseline (<see cref="ConversionDropRule"/>).</summary>
public sealed record AreaFlag(string Channel, string Area, long Started, double Conversion, long BaselineStarted, double BaselineConversion);
