namespace Verigate.Core.Support;

/// <summary>What the support console keeps of its own: verified callers, sign-in locks, and the lookups it needs.</summary>
public interface ISupportStore
{
    /// <summary>The ids of the account's most recent challenges, newest first.</summary>
    Task<IReadOnlyList<string>> RecentChallengeIdsAsync(long userId, int max, CancellationToken ct);

    /// <summary>The account that has <paramref name="destination"/> among its contacts, verified or not (a verified one first), or null.</summary>
    Task<long?> FindUserByContactAsync(Destinations.Destination destination, CancellationToken ct);

    /// <summary>The account a device belongs to, or null.</summary>
    Task<long?> FindUserByDeviceAsync(long deviceId, CancellationToken ct);

    /// <summary>Records that <paramref name="staffId"/> verified the caller of <paramref name="userId"/> until <paramref name="until"/>.</summary>
    Task SetCallerVerifiedAsync(long staffId, long userId, DateTimeOffset until, CancellationToken ct);

    Task<DateTimeOffset?> CallerVerifiedUntilAsync(long staffId, long userId, CancellationToken ct);

    /// <summary>Locks the account's sign-in; false when it is locked already.</summary>
    Task<bool> TryLockSignInAsync(long userId, DateTimeOffset at, string actor, CancellationToken ct);

    /// <summary>Unlocks it; false when it was not locked.</summary>
    Task<bool> UnlockSignInAsync(long userId, CancellationToken ct);

    Task<bool> IsSignInLockedAsync(long userId, CancellationToken ct);
}
