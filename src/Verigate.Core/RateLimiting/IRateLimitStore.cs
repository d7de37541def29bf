
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

    /// <summary>
    /// Decides and writes <paramref name="charge"/> in one statement that commits on its own, so the counter rows
    /// are locked only while the database executes it (no client round trip while they are held), where the
    /// store and session can: a PostgreSQL counters session in which nothing else ran yet. Null where they cannot
    /// (SQLite, or a session with an open transaction): the caller then charges step by step
    /// (<see cref="GetForUpdateAsync"/>, <see cref="SetAsync"/>). The GCRA arithmetic is <see cref="Gcra.Evaluate"/>'s,
    /// in SQL; the store specification checks the two agree on the same inputs.
    /// </summary>
    Task<CounterChargeOutcome?> TryChargeAtOnceAsync(CounterCharge charge, CancellationToken ct);
}
