namespace Verigate.Core.DeliveryHealth;

/// <summary>
/// The figures of one group in one window. <see cref="Conversion"/> is codes checked right ÷ codes started (null when
/// none started); the times are from the bounded latency sample (null without a delivered message in it).
/// </summary>
public sealed record HealthRow(
    DeliveryGroup Group,
    long Sent,
    long Accepted,
    long Delivered,
    long Failed,
    long Started,
    long Converted,
    TimeSpan? MedianToDelivered,
    TimeSpan? P95ToDelivered,
    bool Flagged)
{
    public double? Conversion => Started == 0 ? null : Converted / (double)Started;

    /// <summary>Failed messages among those sent (null when none were sent).</summary>
    public double? FailureRate => Sent == 0 ? null : Failed / (double)Sent;
}
