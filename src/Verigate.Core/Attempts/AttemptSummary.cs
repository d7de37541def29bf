namespace Verigate.Core.Attempts;

/// <summary>How many verifications were started and how many of them were approved.</summary>
public sealed record AttemptSummary(long Total, long Converted)
{
    public long Unconverted => Total - Converted;

    /// <summary>Converted ÷ total, 0 when nothing was started (so a client never divides by zero).</summary>
    public double ConversionRate => Total == 0 ? 0 : Math.Round((double)Converted / Total, 4);
}
