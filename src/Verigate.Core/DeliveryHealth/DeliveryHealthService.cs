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
        // The store's ranges end before their end; instants are whole milliseconds, so this one's codes are in.
        var end = to.AddMilliseconds(1);
        await using var read = await store.OpenReadAsync(ct);
        var deliveries = await read.DeliveryHealth.CountDeliveriesAsync(from, end, ct);
        var conversions = await read.DeliveryHealth.CountConversionsAsync(from, end, ct);
        var baseline = await read.DeliveryHealth.CountConversionsAsync(from - ConversionDropRule.BaselinePeriod, from, ct);
        var sample = await read.DeliveryHealth.SampleLatenciesAsync(from, end, SampleLimit, ct);
        return DeliveryHealthReport.Build(window, to, deliveries, conversions, baseline, sample, SampleLimit, Rule);
    }
}
