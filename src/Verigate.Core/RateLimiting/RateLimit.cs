namespace Verigate.Core.RateLimiting;

/// <summary>At most <see cref="Count"/> events per <see cref="Period"/>, spread out (GCRA), with bursts up to Count.</summary>
public sealed class RateLimit
{
    public RateLimit()
    {
    }

    public RateLimit(int count, TimeSpan period)
    {
        Count = count;
        Period = period;
    }

    public int Count { get; set; }
    public TimeSpan Period { get; set; }

    /// <summary>The spacing between events once the burst is used up.</summary>
    public TimeSpan EmissionInterval => Period / Count;

    public override string ToString() => $"{Count} per {Period}";
}
