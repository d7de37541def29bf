namespace Verigate.Core.DeliveryHealth;

/// <summary>
/// Percentiles by linear interpolation between the closest ranks (as spreadsheets' PERCENTILE.INC and numpy's
/// default): the median of 2 s and 10 s is 6 s, their 95th percentile 9.6 s.
/// </summary>
public static class Percentiles
{
    /// <summary>The <paramref name="fraction"/> (0..1) percentile of the values; null when there are none.</summary>
    public static TimeSpan? Of(IReadOnlyCollection<TimeSpan> values, double fraction)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fraction, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1);
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Select(v => v.Ticks).Order().ToArray();
        var rank = fraction * (sorted.Length - 1);
        var below = (int)Math.Floor(rank);
        var above = (int)Math.Ceiling(rank);
        var ticks = sorted[below] + ((sorted[above] - sorted[below]) * (rank - below));
        return TimeSpan.FromTicks((long)Math.Round(ticks));
    }

    public static TimeSpan? Median(IReadOnlyCollection<TimeSpan> values) => Of(values, 0.5);

    public static TimeSpan? P95(IReadOnlyCollection<TimeSpan> values) => Of(values, 0.95);
}
