using Verigate.Core.Storage;

namespace Verigate.Core.DeliveryHealth;

/// <summary>
/// Reads delivery health for a window ending now (the injected clock): counts come from SQL aggregates; the
/// median and 95th percentile of time to delivered from the latest <see cref="SampleLimit"/> delivered messages.
/// </summary>
public sealed class DeliveryHealthService(IStore store, TimeProvider time)
{
    /// <summary>Bounds the rows read for percentiles: enough for stable figures, small enough for a page view.</summary>
    public const int SampleLimit = 5000;

    public ConversionDropRule Rule { get; } = ConversionDropRule.Default;

    public async Task<DeliveryHealthReport> ReadAsync(HealthWindow window, CancellationToken ct)
    {
        var to = time.GetUtcNow();
        var from = to - window.Length();
        await using var read = await store.OpenReadAsync(ct);
        var deliveries = await read.DeliveryHealth.CountDeliveriesAsync(from, to, ct);
        var conversions = await read.DeliveryHealth.CountConversionsAsync(from, to, ct);
        var baseline = await read.DeliveryHealth.CountConversionsAsync(from - ConversionDropRule.BaselinePeriod, from, ct);
        var sample = await read.DeliveryHealth.SampleLatenciesAsync(from, to, SampleLimit, ct);
        return DeliveryHealthReport.Build(window, to, deliveries, conversions, baseline, sample, SampleLimit, Rule);
    }
}
