namespace Verigate.Core.Storage;

/// <summary>GCRA state: one instant per limit key.</summary>
public interface IRateLimitStore
{
    /// <summary>The key's stored instant, locking the row against concurrent writers until the transaction ends.</summary>
    Task<DateTimeOffset?> GetForUpdateAsync(string key, CancellationToken ct);

    Task SetAsync(string key, DateTimeOffset tat, CancellationToken ct);
}
