using Verigate.Core;
using Verigate.Core.Challenges;
using Verigate.Core.Storage;

namespace Verigate.Storage.Hosting;

/// <summary>
/// Makes sure this instance hashes codes with the same key as every instance before it on this store: a mismatch
/// would silently reject every code, so it stops the start instead.
/// </summary>
public static class CodeKeyCheck
{
    /// <summary>The setting that holds the fingerprint of the key the store was set up with.</summary>
    public const string FingerprintSetting = "code_hash_key_fingerprint";

    public static async Task EnsureSameKeyAsync(IStore store, CodeHashKey key, CancellationToken ct)
    {
        string stored;
        await using (var tx = await store.BeginWriteAsync(ct))
        {
            stored = await tx.Settings.GetOrAddAsync(FingerprintSetting, key.Fingerprint, ct);
            await tx.CommitAsync(ct);
        }

        if (stored != key.Fingerprint)
        {
            throw new StartupException(
                "This instance's code hash key (Codes:HashKey, or code-hash.key in the data directory) is not the key this database " +
                "was set up with. Every instance must use the same key; refusing to start rather than rejecting every code.");
        }
    }
}
