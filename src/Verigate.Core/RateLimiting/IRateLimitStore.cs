
namespace Verigate.Core.RateLimiting;

/// <summary>GCRA state: one instant per limit key.</summary>
public interface IRateLimitStore
{
    /// <summary>
    /// The stored instants of <paramref name="keys"/> (a key never seen is absent), locking their rows against
    /// concurrent writers until the transaction ends. Callers pass keys in ordinal order, so concurrent
    /// transactions always lock in the same order and cannot deadlock.
    /// </summary>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> GetForUpdateAsync(IReadOnlyList<string> keys, CancellationToken ct);

    Task SetAsync(IReadOnlyList<KeyValuePair<string, DateTimeOffset>> instants, CancellationToken ct);
}
