using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Verigate.Core;
using Verigate.Core.Challenges;
using Verigate.Core.Identifiers;
using Verigate.Core.Outbox;
using Verigate.Core.Storage;
using Verigate.Storage.Postgres;
using Verigate.Storage.Sqlite;

namespace Verigate.Server.Hosting;

/// <summary>
/// Opens the configured store, applies migrations, and checks that this instance hashes codes with the same key
/// as every instance before it: a mismatch would silently reject every code, so it stops the start instead.
/// On PostgreSQL it also leases this instance's node id.
/// </summary>
internal static class StoreFactory
{
    public const string KeyFingerprintSetting = "code_hash_key_fingerprint";

    /// <summary>How long a node id stays taken without renewal; renewed every third of it.</summary>
    public static readonly TimeSpan NodeLeaseDuration = TimeSpan.FromSeconds(60);

    public static OpenedStore Open(IServiceProvider services)
    {
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var verigate = services.GetRequiredService<IOptions<VerigateOptions>>().Value;
        var signal = services.GetRequiredService<IOutboxSignal>();
        var key = services.GetRequiredService<CodeHashKey>();
        return Task.Run(() => OpenAsync(storage, verigate, signal, key)).GetAwaiter().GetResult();
    }

    /// <summary>The <c>migrate</c> command: brings the schema up to date and says where.</summary>
    public static async Task<string> MigrateAsync(StorageOptions storage, VerigateOptions verigate, CancellationToken ct)
    {
        if (storage.IsPostgres)
        {
            var applied = await PostgresStore.MigrateAsync(storage.ConnectionString!, ct);
            return $"Applied {applied} migration(s) to PostgreSQL at {PostgresStore.Describe(storage.ConnectionString!)}; the schema is up to date.";
        }

        using var sqlite = await SqliteStore.OpenAsync(SqliteConnectionString(storage, verigate), storage.Synchronous, new NoSignal(), ct);
        return "The SQLite database is up to date.";
    }

    private static async Task<OpenedStore> OpenAsync(StorageOptions storage, VerigateOptions verigate, IOutboxSignal signal, CodeHashKey key)
    {
        var ct = CancellationToken.None;
        if (!storage.IsPostgres)
        {
            var sqlite = await SqliteStore.OpenAsync(SqliteConnectionString(storage, verigate), storage.Synchronous, signal, ct);
            await EnsureSameCodeKeyAsync(sqlite, key);
            return new OpenedStore(sqlite, verigate.NodeId ?? 0, null, null);
        }

        var postgres = await PostgresStore.OpenAsync(storage.ConnectionString!, storage.ApplyMigrations, signal, ct);
        try
        {
            await EnsureSameCodeKeyAsync(postgres, key);
            var owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
            var lease = await PostgresNodeLease.TryAcquireAsync(postgres.DataSource, verigate.NodeId, SnowflakeIdGenerator.MaxNodeId, owner, NodeLeaseDuration, ct)
                ?? throw new InvalidOperationException(verigate.NodeId is { } wanted
                    ? $"Verigate:NodeId {wanted} is in use by another running instance on this database; give every instance its own NodeId, or leave it unset to lease a free one."
                    : $"All {SnowflakeIdGenerator.MaxNodeId + 1} node ids are leased by running instances.");
            return new OpenedStore(postgres, lease.NodeId, postgres, lease);
        }
        catch
        {
            await postgres.DisposeAsync();
            throw;
        }
    }

    private static string SqliteConnectionString(StorageOptions storage, VerigateOptions verigate) =>
        storage.ConnectionString ?? $"Data Source={Path.Combine(verigate.DataDirectory, "verigate.db")}";

    private static async Task EnsureSameCodeKeyAsync(IStore store, CodeHashKey key)
    {
        string stored;
        await using (var tx = await store.BeginWriteAsync(CancellationToken.None))
        {
            stored = await tx.Settings.GetOrAddAsync(KeyFingerprintSetting, key.Fingerprint, CancellationToken.None);
            await tx.CommitAsync(CancellationToken.None);
        }

        if (stored != key.Fingerprint)
        {
            (store as IDisposable)?.Dispose();
            throw new InvalidOperationException(
                "This instance's code hash key (Codes:HashKey, or code-hash.key in the data directory) is not the key this database " +
                "was set up with. Every instance must use the same key; refusing to start rather than rejecting every code.");
        }
    }

    private sealed class NoSignal : IOutboxSignal
    {
        public void Notify()
        {
        }
    }
}
