
namespace Verigate.Core.Challenges;

/// <summary>
/// Consecutive wrong answers per factor and flow (one key each: an account's sign-in codes, the codes of resets
/// to one address, one API key's verifications to one destination), and the lock they earned.
/// </summary>
public interface IFailureCounterStore
{
    /// <summary>The counter under <paramref name="key"/>, or null when there were no failures since the last success.</summary>
    Task<FailureCount?> GetAsync(string key, CancellationToken ct);

    /// <summary>Adds one failure and returns the new consecutive count.</summary>
    Task<int> AddAsync(string key, CancellationToken ct);

    Task LockAsync(string key, DateTimeOffset until, CancellationToken ct);

    /// <summary>Forgets the failures (and the lock) of each key: a right answer, or the owner proved themselves another way.</summary>
    Task ClearAsync(IReadOnlyCollection<string> keys, CancellationToken ct);
}

/// <summary>Consecutive failures under one key and the instant its lock ends (null when not locked).</summary>
public sealed record FailureCount(int Failures, DateTimeOffset? LockedUntil);
