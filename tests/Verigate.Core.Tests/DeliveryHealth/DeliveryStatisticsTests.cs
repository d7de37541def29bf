using Verigate.Core.DeliveryHealth;

namespace Verigate.Core.Tests.DeliveryHealth;

/// <summary>The arithmetic of delivery health: percentiles, conversion, the drop rule and how a report is put together.</summary>
public sealed class DeliveryStatisticsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static TimeSpan[] Seconds(params double[] values) => values.Select(TimeSpan.FromSeconds).ToArray();

    [Fact]
    public void The_median_interpolates_between_the_middle_values_and_p95_between_the_closest_ranks()
    {
        Assert.Equal(TimeSpan.FromSeconds(6), Percentiles.Median(Seconds(10, 2)));
        Assert.Equal(TimeSpan.FromSeconds(9.6), Percentiles.P95(Seconds(2, 10)));
        Assert.Equal(TimeSpan.FromSeconds(3), Percentiles.Median(Seconds(5, 1, 3)));
        Assert.Equal(TimeSpan.FromSeconds(7), Percentiles.Median(Seconds(7)));
        Assert.Equal(TimeSpan.FromSeconds(7), Percentiles.P95(Seconds(7)));
        // 1..100 s: rank 0.95 × 99 = 94.05 → 95 s + 0.05 s.
        Assert.Equal(TimeSpan.FromSeconds(95.05), Percentiles.P95(Enumerable.Range(1, 100).Select(i => TimeSpan.FromSeconds(i)).ToArray()));
        Assert.Null(Percentiles.Median([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.Of(Seconds(1), 1.5));
    }

    [Fact]
    public void Conversion_is_codes_checked_right_over_codes_started_and_none_without_starts()
    {
        var group = new DeliveryGroup("sms", "http", "DE");
        Assert.Equal(0.25, new HealthRow(group, 4, 3, 2, 1, 4, 1, null, null, false).Conversion);
        Assert.Equal(0.25, new HealthRow(group, 4, 3, 2, 1, 4, 1, null, null, false).FailureRate);
        Assert.Null(new HealthRow(group, 0, 0, 0, 0, 0, 0, null, null, false).Conversion);
        Assert.Null(new HealthRow(group, 0, 0, 0, 0, 0, 0, null, null, false).FailureRate);
    }

    [Theory]
    [InlineData(20, 10, 20, 18, true)]   // 50 % against 90 %: 40 points below
    [InlineData(20, 14, 20, 18, true)]   // 70 % against 90 %: exactly 20 points below
    [InlineData(20, 15, 20, 18, false)]  // 75 % against 90 %: 15 points below
    [InlineData(19, 0, 100, 90, false)]  // too few codes in the window to judge
    [InlineData(20, 0, 19, 19, false)]   // too little history to judge
    [InlineData(50, 5, 40, 12, true)]    // 10 % against 30 %: 20 points below, however low both are
    public void The_drop_rule_needs_enough_codes_in_the_window_and_the_baseline_and_a_fall_of_20_points(
        long started, long converted, long baselineStarted, long baselineConverted, bool flagged)
    {
        Assert.Equal(flagged, ConversionDropRule.Default.Flags(started, converted, baselineStarted, baselineConverted));
    }

    [Fact]
    public void A_report_joins_counts_by_group_totals_each_channel_and_flags_an_area_across_its_providers()
    {
        var deHttp = new DeliveryGroup("sms", "http", "DE");
        var deKannel = new DeliveryGroup("sms", "kannel", "DE");
        var fr = new DeliveryGroup("sms", "http", "FR");
        var gmail = new DeliveryGroup("email", "smtp", "gmail.com");

        var report = DeliveryHealthReport.Build(
            HealthWindow.Hour, Now,
            [new DeliveryCounts(deHttp, 10, 9, 8, 1), new DeliveryCounts(deKannel, 12, 12, 10, 0), new DeliveryCounts(gmail, 5, 5, 5, 0)],
            [new ConversionCounts(deHttp, 10, 3), new ConversionCounts(deKannel, 12, 4), new ConversionCounts(fr, 30, 27), new ConversionCounts(gmail, 5, 5)],
            [new ConversionCounts(deHttp, 100, 90), new ConversionCounts(fr, 100, 90)],
            [new DeliveryLatency(deHttp, TimeSpan.FromSeconds(2)), new DeliveryLatency(deHttp, TimeSpan.FromSeconds(10)), new DeliveryLatency(gmail, TimeSpan.FromSeconds(1))],
            sampleLimit: 3, ConversionDropRule.Default);

        Assert.Equal((Now.AddHours(-1), Now), (report.From, report.To));
        Assert.Equal([gmail, deHttp, deKannel, fr], report.Rows.Select(r => r.Group));
        var de = report.Rows[1];
        Assert.Equal((10L, 9L, 8L, 1L, 10L, 3L), (de.Sent, de.Accepted, de.Delivered, de.Failed, de.Started, de.Converted));
        Assert.Equal((TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(9.6)), (de.MedianToDelivered, de.P95ToDelivered));
        Assert.Null(report.Rows[3].MedianToDelivered);

        // DE: 7 of 22 (32 %) against 90 of 100; FR holds its 90 %.
        var flag = Assert.Single(report.Flags);
        Assert.Equal(("sms", "DE", 22L, 100L), (flag.Channel, flag.Area, flag.Started, flag.BaselineStarted));
        Assert.Equal(7 / 22.0, flag.Conversion, 6);
        Assert.Equal([false, true, true, false], report.Rows.Select(r => r.Flagged));

        var sms = Assert.Single(report.Totals, t => t.Group.Channel == "sms");
        Assert.Equal((22L, 21L, 18L, 1L, 52L, 34L, true), (sms.Sent, sms.Accepted, sms.Delivered, sms.Failed, sms.Started, sms.Converted, sms.Flagged));
        Assert.True(report.SampleCapped);
    }
}
