namespace Verigate.Core.DeliveryHealth;

/// <summary>
/// Aggregates over the codes started in [from, to) (challenges by their creation time, their messages and the
/// messages' timelines). Decoy challenges and second-factor steps (nothing sent) are left out.
/// </summary>
public interface IDeliveryHealthStore
{
    /// <summary>Per group, the code messages' outcomes (counted in SQL).</summary>
    Task<IReadOnlyList<DeliveryCounts>> CountDeliveriesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct);

    /// <summary>Per group (the provider of each challenge's first send), codes started and checked right (counted in SQL).</summary>
    Task<IReadOnlyList<ConversionCounts>> CountConversionsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct);

    /// <summary>The latest <paramref name="max"/> delivered messages' times to delivery, newest first: a bounded sample for percentiles.</summary>
    Task<IReadOnlyList<DeliveryLatency>> SampleLatenciesAsync(DateTimeOffset from, DateTimeOffset to, int max, CancellationToken ct);
}
