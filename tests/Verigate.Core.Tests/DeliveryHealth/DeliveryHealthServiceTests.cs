using System.Globalization;
using Verigate.Core.DeliveryHealth;
using Verigate.Core.Outbox;
using Verigate.Core.Tests.Support;

namespace Verigate.Core.Tests.DeliveryHealth;

/// <summary>The service over a real store: windows end at the injected clock, and a falling country is flagged against its own week.</summary>
public sealed class DeliveryHealthServiceTests : IAsyncLifetime
{
    private EngineHarness _harness = null!;
    private int _next;

    public async Task InitializeAsync() => _harness = await EngineHarness.CreateAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private DeliveryHealthService Service => new(_harness.Store, _harness.Time);

    /// <summary>A verification issued through the engine (its queued step included), delivered after a while, and checked right or not.</summary>
    private async Task SendAsync(string prefix, bool converted, TimeSpan? deliveredAfter = null)
    {
        var to = EngineHarness.Phone(prefix + (_next++).ToString("D4", CultureInfo.InvariantCulture));
        var challenge = await _harness.IssueVerificationAsync(to: to);
        if (deliveredAfter is { } after)
        {
            await using var tx = await _harness.Store.BeginWriteAsync(CancellationToken.None);
            var queued = (await tx.Deliveries.ListAsync(challenge.Id, CancellationToken.None))[0];
            await tx.Deliveries.AppendAsync(queued with { Status = DeliveryStatus.Delivered, At = queued.At + after, Provider = "kannel" }, CancellationToken.None);
            await tx.CommitAsync(CancellationToken.None);
        }

        if (converted)
        {
            Assert.True((await _harness.CheckAsync(challenge, EngineHarness.CodeOf(challenge))).IsSuccess);
        }
    }

    [Fact]
    public async Task Windows_end_at_the_clock_and_figures_come_from_the_codes_started_in_them()
    {
        await SendAsync("+491511234", converted: true, TimeSpan.FromSeconds(4));
        _harness.Time.Advance(TimeSpan.FromHours(2));
        await SendAsync("+491511234", converted: true, TimeSpan.FromSeconds(2));
        await SendAsync("+491511234", converted: false, TimeSpan.FromSeconds(10));
        await SendAsync("+491511234", converted: false);

        var hour = await Service.ReadAsync(HealthWindow.Hour, CancellationToken.None);
        var day = await Service.ReadAsync(HealthWindow.Day, CancellationToken.None);

        Assert.Equal(_harness.Time.GetUtcNow(), hour.To);
        Assert.Equal(_harness.Time.GetUtcNow().AddHours(-1), hour.From);
        var total = Assert.Single(hour.Totals);
        Assert.Equal((3L, 1L, 2L), (total.Started, total.Converted, total.Delivered));
        Assert.Equal(1 / 3.0, total.Conversion!.Value, 6);
        Assert.Equal((TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(9.6)), (total.MedianToDelivered, total.P95ToDelivered));
        Assert.Equal((4L, 2L), (Assert.Single(day.Totals).Started, day.Totals[0].Converted));
        Assert.All(hour.Rows, r => Assert.Equal("DE", r.Group.Area));
        Assert.Empty(hour.Flags);
    }

    [Fact]
    public async Task A_country_whose_conversion_falls_well_below_its_own_week_is_flagged_and_a_steady_one_is_not()
    {
        // The week before: DE converts 9 in 10, FR 1 in 2 (its own baseline, however low).
        for (var i = 0; i < 20; i++)
        {
            await SendAsync("+491511234", converted: i % 10 != 0);
            await SendAsync("+336123", converted: i % 2 == 0);
        }

        _harness.Time.Advance(TimeSpan.FromDays(2));
        // The last hour: DE converts 1 in 4; FR still 1 in 2.
        for (var i = 0; i < 20; i++)
        {
            await SendAsync("+491511234", converted: i % 4 == 0);
            await SendAsync("+336123", converted: i % 2 == 0);
        }

        var report = await Service.ReadAsync(HealthWindow.Hour, CancellationToken.None);

        var flag = Assert.Single(report.Flags);
        Assert.Equal(("sms", "DE", 20L, 0.25, 20L, 0.9), (flag.Channel, flag.Area, flag.Started, flag.Conversion, flag.BaselineStarted, flag.BaselineConversion));
        Assert.True(Assert.Single(report.Rows, r => r.Group.Area == "DE").Flagged);
        Assert.False(Assert.Single(report.Rows, r => r.Group.Area == "FR").Flagged);

        // A week later the drop is the baseline of nothing: no history, no flag.
        _harness.Time.Advance(TimeSpan.FromDays(8));
        Assert.Empty((await Service.ReadAsync(HealthWindow.Day, CancellationToken.None)).Flags);
    }
}
