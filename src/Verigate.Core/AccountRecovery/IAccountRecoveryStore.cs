namespace Verigate.Core.AccountRecovery;

/// <summary>Account-recovery requests. Ending one is a conditional update: of any number of parallel ends, one wins.</summary>
public interface IAccountRecoveryStore
{
    /// <summary>False when the account already has a pending request (one at a time).</summary>
    Task<bool> TryInsertAsync(AccountRecoveryRequest request, CancellationToken ct);

    Task<AccountRecoveryRequest?> GetAsync(string id, CancellationToken ct);

    Task<AccountRecoveryRequest?> FindPendingAsync(long userId, CancellationToken ct);

    /// <summary>Moves a pending request to <paramref name="status"/>; false if it was not pending any more.</summary>
    Task<bool> TryEndAsync(string id, string status, DateTimeOffset at, CancellationToken ct);
}
