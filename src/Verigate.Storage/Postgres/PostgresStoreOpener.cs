using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Npgsql;
using Verigate.Core;
using Verigate.Core.Challenges;
using Verigate.Core.Identifiers;
using Verigate.Core.Outbox;
using Verigate.Core.Storage;
using Verigate.Storage.Hosting;

namespace Verigate.Storage.Postgres;

/// <summary>
/// Connects to PostgreSQL, applies or checks migrations, checks the code key, and leases this instance's node id.
/// Keeps the store and the lease for what runs beside them (the key ring, <see cref="PostgresNodeLeaseService"/>).
/// </summary>
internal sealed class PostgresStoreOpener(
    IOptions<StorageOptions> storage, IOptions<VerigateOptions> verigate, IOutboxSignal signal, CodeHashKey key) : IStoreOpener
{
    /// <summary>How long a node id stays taken without renewal; renewed every third of it.</summary>
    public static readonly TimeSpan NodeLeaseDuration = TimeSpan.FromSeconds(60);

    /// <summary>The opened store; null until <see cref="OpenAsync"/> succeeded.</summary>
    public PostgresStore? Store { get; private set; }

    public PostgresNodeLease? Lease { get; private set; }

    public Task<OpenedStore> OpenAsync(CancellationToken ct) => Reaching(storage.Value.ConnectionString!, async () =>
    {
        var connectionString = storage.Value.ConnectionString!;
        var postgres = await PostgresStore.OpenAsync(connectionString, storage.Value.ApplyMigrations, signal, ct);
        try
        {
            await CodeKeyCheck.EnsureSameKeyAsync(postgres, key, ct);
            var wanted = verigate.Value.NodeId;
            var owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
            var lease = await PostgresNodeLease.TryAcquireAsync(postgres.DataSource, wanted, SnowflakeIdGenerator.MaxNodeId, owner, NodeLeaseDuration, ct)
                ?? throw new StartupException(wanted is { } taken
                    ? $"Verigate:NodeId {taken} is in use by another running instance on this database; give every instance its own NodeId, or leave it unset to lease a free one."
                    : $"All {SnowflakeIdGenerator.MaxNodeId + 1} node ids are leased by running instances.");
            (Store, Lease) = (postgres, lease);
            return new OpenedStore(postgres, lease.NodeId, postgres);
        }
        catch
        {
            await postgres.DisposeAsync();
            throw;
        }
    });

    public Task<string> MigrateAsync(CancellationToken ct) => Reaching(storage.Value.ConnectionString!, async () =>
    {
        var connectionString = storage.Value.ConnectionString!;
        var applied = await PostgresStore.MigrateAsync(connectionString, ct);
        return $"Applied {applied} migration(s) to PostgreSQL at {PostgresStore.Describe(connectionString)}; the schema is up to date.";
    });

    /// <summary>A database that stops answering while opening ends the start with one line naming the setting, not a stack trace.</summary>
    private static async Task<T> Reaching<T>(string connectionString, Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            throw PostgresStore.Unreachable(connectionString, e);
        }
    }
}
