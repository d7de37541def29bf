namespace Verigate.Core.Passkeys;

/// <summary>Passkeys of accounts, keyed by credential id (unique across all accounts).</summary>
public interface IPasskeyStore
{
    /// <summary>False when the credential id is already registered (to this or any account).</summary>
    Task<bool> TryAddAsync(Passkey passkey, CancellationToken ct);

    Task<Passkey?> FindAsync(byte[] credentialId, CancellationToken ct);

    Task<IReadOnlyList<Passkey>> ListAsync(long userId, CancellationToken ct);

    Task<int> CountAsync(long userId, CancellationToken ct);

    /// <summary>
    /// Records a use with a compare-and-set on the signature counter: it must grow (or stay 0 for authenticators
    /// that keep none). A cloned authenticator, or a second use of the same assertion, gets false.
    /// </summary>
    Task<bool> TryRecordUseAsync(byte[] credentialId, long signCount, bool backedUp, DateTimeOffset at, CancellationToken ct);

    Task<bool> RenameAsync(long userId, byte[] credentialId, string name, CancellationToken ct);

    Task<bool> DeleteAsync(long userId, byte[] credentialId, CancellationToken ct);
}
