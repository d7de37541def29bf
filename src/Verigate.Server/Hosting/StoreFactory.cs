using Microsoft.Extensions.Options;
using Verigate.Core;
using Verigate.Core.Challenges;
using Verigate.Core.Outbox;
using Verigate.Core.Storage;
using Verigate.Storage.Sqlite;

namespace Verigate.Server.Hosting;

/// <summary>
/// Opens the configured store, applies migrations, and checks that this instance hashes codes with the same key
/// as every instance before it: a mismatch would silently reject every code, so it stops the start instead.
/// </summary>
internal static class StoreFactory
{
    public const string KeyFingerprintSetting = "code_hash_key_fingerprint";

    public static IStore Open(IServiceProvider services)
    {
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var verigate = services.GetRequiredService<IOptions<VerigateOptions>>().Value;
        var connectionString = storage.ConnectionString ?? $"Data Source={Path.Combine(verigate.DataDirectory, "verigate.db")}";
        var store = SqliteStore.OpenAsync(connectionString, storage.Synchronous, services.GetRequiredService<IOutboxSignal>(), CancellationToken.None)
            .GetAwaiter().GetResult();
        EnsureSameCodeKey(store, services.GetRequiredService<CodeHashKey>());
        return store;
    }

    private static void EnsureSameCodeKey(IStore store, CodeHashKey key)
    {
        var stored = Task.Run(async () =>
        {
            await using var tx = await store.BeginWriteAsync(CancellationToken.None);
            var value = await tx.Settings.GetOrAddAsync(KeyFingerprintSetting, key.Fingerprint, CancellationToken.None);
            await tx.CommitAsync(CancellationToken.None);
            return value;
        }).GetAwaiter().GetResult();

        if (stored != key.Fingerprint)
        {
            throw new InvalidOperationException(
                "This instance's code hash key (Codes:HashKey, or code-hash.key in the data directory) is not the key this database " +
                "was set up with. Every instance must use the same key; refusing to start rather than rejecting every code.");
        }
    }
}
