using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Verigate.Core.DeliveryHealth;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.Console.DeliveryHealth;

/// <summary>
/// Delivery health for agents and admins: what happened to the codes started in the last hour, day or week, per
/// channel, provider and area (country or email domain group, never an address), with the areas whose conversion
/// fell well below their own previous week.
/// </summary>
public sealed class HealthModel(IStringLocalizer<Text> text, DeliveryHealthService health) : ConsolePageModel(text)
{
    public DeliveryHealthReport Report { get; private set; } = null!;

    public ConversionDropRule Rule => health.Rule;

    /// <summary>Conversion per channel and area, across providers (what the drop rule judges).</summary>
    public IReadOnlyList<(string Channel, string Area, long Started, long Converted, bool Flagged)> Areas { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? window, CancellationToken ct)
    {
        Report = await health.ReadAsync(HealthWindows.Parse(window), ct);
        Areas = Report.Rows.GroupBy(r => (r.Group.Channel, r.Group.Area))
            .Select(a => (a.Key.Channel, a.Key.Area, a.Sum(r => r.Started), a.Sum(r => r.Converted), a.Any(r => r.Flagged)))
            .Where(a => a.Item3 > 0).ToList();
        return Page();
    }

    public string AreaLabel(string channel, string area) => HealthFormat.Area(Text, channel, area);

    public string Provider(string? provider) => provider ?? Text["health.provider.none"];

    public string Percent(double? share) => HealthFormat.Percent(share);

    public string Duration(TimeSpan? time) => HealthFormat.Duration(Text, time);

    public IReadOnlyList<SvgCharts.Bar> ConversionBars() =>
        Areas.Select(a => new SvgCharts.Bar(
            $"{a.Channel} · {AreaLabel(a.Channel, a.Area)}", a.Converted / (double)a.Started,
            $"{Percent(a.Converted / (double)a.Started)} ({a.Converted.ToString(CultureInfo.CurrentCulture)}/{a.Started.ToString(CultureInfo.CurrentCulture)})",
            a.Flagged ? "bar-flagged" : "bar-ok")).ToList();

    public IReadOnlyList<SvgCharts.Stack> OutcomeStacks() =>
        Report.Rows.Where(r => r.Sent > 0).Select(r => new SvgCharts.Stack(
            $"{r.Group.Channel} · {Provider(r.Group.Provider)} · {AreaLabel(r.Group.Channel, r.Group.Area)}",
            [(r.Delivered, "bar-delivered"), (r.Accepted - r.Delivered, "bar-accepted"), (r.Sent - r.Accepted - r.Failed, "bar-sent"), (r.Failed, "bar-failed")],
            Text["health.chart.sent", r.Sent.ToString(CultureInfo.CurrentCulture)])).ToList();
}
