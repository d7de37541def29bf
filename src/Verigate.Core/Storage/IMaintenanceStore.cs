namespace Verigate.Core.Storage;

/// <summary>Housekeeping: deletes what is no longer needed (expired challenges are ended by <c>ChallengeExpiry</c>).</summary>
public interface IMaintenanceStore
{
    /// <summary>One bounded batch of cleanup; returns how many rows it touched, so callers can loop until 0.</summary>
    Task<int> RunBatchAsync(DateTimeOffset now, TimeSpan retention, int batchSize, CancellationToken ct);
}
