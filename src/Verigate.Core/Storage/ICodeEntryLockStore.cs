namespace Verigate.Core.Storage;

/// <summary>
/// Consecutive wrong codes and the lock they earned, per key (one factor in one flow: a reset destination, an API
/// key's destination). The sign-in flow's counter stays on the account (<see cref="IAccountStore"/>).
/// </summary>
public interface ICodeEntryLockStore
{
    /// <summary>Until when code entry under <paramref name="key"/> is locked, or null.</summary>
    Task<DateTimeOffset?> LockedUntilAsync(string key, CancellationToken ct);

    /// <summary>Adds one to the consecutive wrong-code count of <paramref name="key"/> and returns the new count.</summary>
    Task<int> AddFailureAsync(string key, CancellationToken ct);

    Task LockAsync(string key, DateTimeOffset until, CancellationToken ct);

    /// <summary>A right code (or the owner proving themselves another way) starts the count again.</summary>
    Task ClearAsync(string key, CancellationToken ct);
}
