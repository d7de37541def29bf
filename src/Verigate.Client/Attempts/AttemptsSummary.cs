namespace Verigate.Client.Attempts;

/// <summary>How many verifications were started and how many were approved (converted).</summary>
/// <param name="Total">Started.</param>
/// <param name="Converted">Approved.</param>
/// <param name="Unconverted">Never approved: SMS pumping shows up here.</param>
/// <param name="ConversionRate">Converted ÷ total, from 0 to 1.</param>
public sealed record AttemptsSummary(long Total, long Converted, long Unconverted, double ConversionRate);
