namespace Verigate.Core.DeliveryHealth;

/// <summary>
/// Delivery health over one window: a row per channel, provider and area, a total per channel, the flagged areas,
/// and how large the latency sample was (<see cref="SampleCapped"/>: the percentiles are of the latest
/// <see cref="SampleLimit"/> delivered messages, not all of them).
/// </summary>
public sealed record DeliveryHealthReport(
    HealthWindow Window,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<HealthRow> Rows,
    IReadOnlyList<HealthRow> Totals,
    IReadOnlyList<AreaFlag> Flags,
    int SampleLimit,
    bool SampleCapped)
{
    /// <summary>
    /// Puts the store's aggregates together: rows joined by group, percentiles per group from the sample, totals per
    /// channel, and the rule applied per channel and area against <paramref name="baseline"/> (the same counts over the
    /// week before the window).
    /// </summary>
    public static DeliveryHealthReport Build(
        HealthWindow window,
        DateTimeOffset to,
        IReadOnlyList<DeliveryCounts> deliveries,
        IReadOnlyList<ConversionCounts> conversions,
        IReadOnlyList<ConversionCounts> baseline,
        IReadOnlyList<DeliveryLatency> sample,
        int sampleLimit,
        ConversionDropRule rule)
    {
        var flags = FlagsOf(conversions, baseline, rule);
        var flagged = flags.Select(f => (f.Channel, f.Area)).ToHashSet();
        var groups = deliveries.Select(d => d.Group).Concat(conversions.Select(c => c.Group)).Distinct()
            .OrderBy(g => g.Channel, StringComparer.Ordinal).ThenBy(g => g.Area, StringComparer.Ordinal)
            .ThenBy(g => g.Provider ?? string.Empty, StringComparer.Ordinal).ToList();
        var rows = groups.Select(g => Row(g, deliveries.Where(d => d.Group == g), conversions.Where(c => c.Group == g),
            sample.Where(s => s.Group == g), flagged.Contains((g.Channel, g.Area)))).ToList();
        var totals = groups.Select(g => g.Channel).Distinct().Select(channel => Row(
            new DeliveryGroup(channel, null, "*"),
            deliveries.Where(d => d.Group.Channel == channel), conversions.Where(c => c.Group.Channel == channel),
            sample.Where(s => s.Group.Channel == channel), flags.Any(f => f.Channel == channel))).ToList();
        return new DeliveryHealthReport(window, to - window.Length(), to, rows, totals, flags, sampleLimit, sample.Count >= sampleLimit);
    }

    private static HealthRow Row(DeliveryGroup group, IEnumerable<DeliveryCounts> deliveries, IEnumerable<ConversionCounts> conversions, IEnumerable<DeliveryLatency> sample, bool flagged)
    {
        var d = deliveries.ToList();
        var c = conversions.ToList();
        var times = sample.Select(s => s.TimeToDelivered).ToList();
        return new HealthRow(group, d.Sum(x => x.Sent), d.Sum(x => x.Accepted), d.Sum(x => x.Delivered), d.Sum(x => x.Failed),
            c.Sum(x => x.Started), c.Sum(x => x.Converted), Percentiles.Median(times), Percentiles.P95(times), flagged);
    }

    private static List<AreaFlag> FlagsOf(IReadOnlyList<ConversionCounts> window, IReadOnlyList<ConversionCounts> baseline, ConversionDropRule rule)
    {
        var flags = new List<AreaFlag>();
        foreach (var area in window.GroupBy(c => (c.Group.Channel, c.Group.Area)).OrderBy(a => a.Key.Channel, StringComparer.Ordinal).ThenBy(a => a.Key.Area, StringComparer.Ordinal))
        {
            var before = baseline.Where(b => b.Group.Channel == area.Key.Channel && b.Group.Area == area.Key.Area).ToList();
            var (started, converted) = (area.Sum(c => c.Started), area.Sum(c => c.Converted));
            var (baseStarted, baseConverted) = (before.Sum(c => c.Started), before.Sum(c => c.Converted));
            if (rule.Flags(started, converted, baseStarted, baseConverted))
            {
                flags.Add(new AreaFlag(area.Key.Channel, area.Key.Area, started, converted / (double)started, baseStarted, baseConverted / (double)baseStarted));
            }
        }

        return flags;
    }
}
