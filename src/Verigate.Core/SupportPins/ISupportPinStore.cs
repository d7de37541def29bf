namespace Verigate.Core.SupportPins;

/// <summary>Support PINs, one per account.</summary>
public interface ISupportPinStore
{
    /// <summary>Stores <paramref name="pin"/> as the account's only PIN; an older one stops working.</summary>
    Task ReplaceAsync(SupportPin pin, CancellationToken ct);

    Task<SupportPin?> GetAsync(long userId, CancellationToken ct);

    /// <summary>
    /// Counts one check against the account's PIN, if it is unused, unexpired at <paramref name="now"/> and has fewer
    /// than <paramref name="maxAttempts"/> checks, and returns it: a conditional UPDATE, so parallel guesses get no
    /// more tries than the limit. Null when there is no PIN left to check.
    /// </summary>
    Task<SupportPin?> TryCountAttemptAsync(long userId, DateTimeOffset now, int maxAttempts, CancellationToken ct);

    /// <summary>Marks the PIN created at <paramref name="createdAt"/> used, if it still is open; true for exactly one caller.</summary>
    Task<bool> TryUseAsync(long userId, DateTimeOffset createdAt, DateTimeOffset at, CancellationToken ct);
}
