namespace Verigate.Core.TwoFactor;

/// <summary>Recovery codes as keyed hashes, like Identity's IUserTwoFactorRecoveryCodeStore.</summary>
public interface IRecoveryCodeStore
{
    /// <summary>Replaces the account's set: the old codes stop working in the same transaction.</summary>
    Task ReplaceAsync(long userId, IReadOnlyList<byte[]> codeHashes, DateTimeOffset at, CancellationToken ct);

    /// <summary>Marks one unused code used; true for exactly one of any number of parallel uses.</summary>
    Task<bool> TryUseAsync(long userId, byte[] codeHash, DateTimeOffset at, CancellationToken ct);

    Task<int> CountRemainingAsync(long userId, CancellationToken ct);

    Task DeleteAllAsync(long userId, CancellationToken ct);
}
