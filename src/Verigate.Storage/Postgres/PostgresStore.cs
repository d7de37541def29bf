using System.Data.Common;
using System.Net.Sockets;
using Npgsql;
using Verigate.Core;
using Verigate.Core.Outbox;
using Verigate.Core.Storage;
using Verigate.Storage.Sql;

namespace Verigate.Storage.Postgres;

/// <summary>
/// The scale-out store: any number of Verigate instances share one PostgreSQL database. Correctness under
/// concurrency comes from conditional UPDATEs, row locks (rate limits) and SKIP LOCKED (outbox claims), not
/// from a single writer, so write sessions run in parallel.
/// </summary>
public sealed class PostgresStore : IStore, IAsyncDisposable, IDisposable
{
    /// <summary>Advisory lock key for schema changes ("verigate" in ASCII): instances starting together migrate one at a time.</summary>
    internal const long MigrationLockKey = 0x7665726967617465;

    internal const string MigrationPrefix = "Verigate.Storage.Postgres.Migrations.";

    private readonly IOutboxSignal _signal;

    /// <summary>
    /// Connections for the shared counters (see <see cref="PostgresSession.BeginCountersAsync"/>): few, because
    /// their transactions are short and all queue on the same hot rows anyway (more would only wait in PostgreSQL).
    /// </summary>
    internal const int CounterPoolSize = 8;

    private readonly NpgsqlDataSource _counters;

    // The connection string as given: a data source's own ConnectionString has the password removed.
    private PostgresStore(NpgsqlDataSource dataSource, string connectionString, IOutboxSignal signal)
    {
        DataSource = dataSource;
        _signal = signal;
        _counters = CreateCountersDataSource(connectionString);
    }

    /// <summary>The pool every session, the key ring and the node lease draw connections from.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>
    /// Connects and, when <paramref name="applyMigrations"/> is set, brings the schema up to date under an
    /// advisory lock; otherwise refuses a database whose schema is behind this build.
    /// </summary>
    public static async Task<PostgresStore> OpenAsync(string connectionString, bool applyMigrations, IOutboxSignal signal, CancellationToken ct)
    {
        var dataSource = CreateDataSource(connectionString);
        try
        {
            await using var connection = await OpenCheckedAsync(dataSource, ct);
            var pending = applyMigrations ? 0 : await PendingMigrationsAsync(connection, ct);
            if (applyMigrations)
            {
                await MigrateLockedAsync(connection, ct);
            }
            else if (pending > 0)
            {
                throw new InvalidOperationException(
                    $"The PostgreSQL database at {Describe(connectionString)} lacks {pending} schema migration(s) of this build, and " +
                    "Storage:ApplyMigrations is false. Run 'Verigate.Server migrate' first.");
            }

            return new PostgresStore(dataSource, connectionString, signal);
        }
        catch
        {
            await dataSource.DisposeAsync();
            throw;
        }
    }

    /// <summary>Applies the pending migrations (the <c>migrate</c> command); returns how many ran.</summary>
    public static async Task<int> MigrateAsync(string connectionString, CancellationToken ct)
    {
        await using var dataSource = CreateDataSource(connectionString);
        await using var connection = await OpenCheckedAsync(dataSource, ct);
        return await MigrateLockedAsync(connection, ct);
    }

    /// <summary>"host:port/database as user" without the password, for messages an operator reads.</summary>
    public static string Describe(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{b.Host ?? "localhost"}:{b.Port}/{b.Database ?? b.Username} as {b.Username ?? "(default user)"}";
    }

    /// <summary>
    /// Names the connections "verigate" (easy to find in pg_stat_activity) and, unless the connection string says
    /// otherwise: keeps pooled connections as they are between uses (the default DISCARD ALL on every return cost a
    /// round trip per session and threw away prepared statements; nothing we do leaves session state behind, and
    /// advisory locks are always released in finally blocks); prepares the statements the store repeats; and keeps
    /// at most <see cref="DefaultPoolSize"/> connections.
    /// </summary>
    private static NpgsqlDataSource CreateDataSource(string connectionString) => NpgsqlDataSource.Create(Pooled(connectionString));

    /// <summary>
    /// The pool's size when the connection string does not set one (Npgsql's own default is 100). Verigate's
    /// transactions are a few round trips long, so a few connections carry a lot of traffic; more connections than
    /// the database server has cores to run them only make its backends take turns, and contend for its locks, while
    /// holding theirs. Measured on this project's 2-core bench: 16 connections did 20–30 % more cycles per second than
    /// 100, with less CPU per cycle in PostgreSQL (docs/benchmarks.md, seventh round). With the counters pool it also
    /// lets four instances fit PostgreSQL's default max_connections of 100.
    /// </summary>
    public const int DefaultPoolSize = 16;

    private static NpgsqlConnectionStringBuilder Pooled(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.ApplicationName ??= "verigate";
        var set = KeywordsSet(connectionString);
        if (!set.Contains("noresetonclose"))
        {
            builder.NoResetOnClose = true;
        }

        if (!set.Contains("maxautoprepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        if (!set.Contains("maximumpoolsize") && !set.Contains("maxpoolsize"))
        {
            builder.MaxPoolSize = DefaultPoolSize;
            builder.MinPoolSize = Math.Min(builder.MinPoolSize, DefaultPoolSize);
        }

        return builder;
    }

    /// <summary>
    /// The keywords the operator's connection string sets, squeezed (lower case, no spaces) so that every spelling Npgsql
    /// takes compares equal ("Max Auto Prepare", "MaxAutoPrepare").
    /// </summary>
    private static HashSet<string> KeywordsSet(string connectionString) =>
        new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(keyword => keyword.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The counters pool: the same database, its own few connections, and synchronous_commit = off for every
    /// transaction on them (a crash loses at most the last few milliseconds of charges: the limits are briefly
    /// lenient, nothing else depends on them).
    /// </summary>
    private static NpgsqlDataSource CreateCountersDataSource(string connectionString)
    {
        var builder = Pooled(connectionString);
        builder.ApplicationName = "verigate-counters";
        builder.MaxPoolSize = CounterPoolSize;
        builder.MinPoolSize = Math.Min(builder.MinPoolSize, CounterPoolSize);
        builder.Options = ((builder.Options ?? "") + " -c synchronous_commit=off").Trim();
        return NpgsqlDataSource.Create(builder);
    }

    public async ValueTask<IStoreSession> BeginWriteAsync(CancellationToken ct) =>
        new PostgresSession(await DataSource.OpenConnectionAsync(ct), writes: true, _signal, ClearPools, _counters);

    public async ValueTask<IStoreSession> OpenReadAsync(CancellationToken ct) =>
        new PostgresSession(await DataSource.OpenConnectionAsync(ct), writes: false, _signal, ClearPools);

    /// <summary>Closes the idle connections of both pools, and the busy ones when they come back (see <see cref="PostgresSession"/>).</summary>
    private void ClearPools()
    {
        DataSource.Clear();
        _counters.Clear();
    }

    /// <summary>Writers run side by side: a read before a write goes in the write's transaction (one commit, not two).</summary>
    public bool WritersQueue => false;

    public async ValueTask DisposeAsync()
    {
        await _counters.DisposeAsync();
        await DataSource.DisposeAsync();
    }

    public void Dispose()
    {
        _counters.Dispose();
        DataSource.Dispose();
    }

    private static async Task<NpgsqlConnection> OpenCheckedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        try
        {
            return await dataSource.OpenConnectionAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            throw Unreachable(dataSource.ConnectionString, e);
        }
    }

    /// <summary>
    /// The one line a start (or the <c>migrate</c> command) ends with when the database does not answer. Npgsql's
    /// messages never contain the password; the connection string would, so only host, port, database and user are named.
    /// </summary>
    public static StartupException Unreachable(string connectionString, Exception e) => new(
        $"the PostgreSQL database in Storage:ConnectionString cannot be reached at {Describe(connectionString)} ({e.Message}). " +
        "Check host, port, credentials and that the server runs.", e);

    private static async Task<int> MigrateLockedAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            lockCommand.Parameters.AddWithValue("key", MigrationLockKey);
            await lockCommand.ExecuteNonQueryAsync(ct);
        }

        try
        {
            return await SqlMigrator.ApplyAsync(connection, typeof(PostgresStore).Assembly, MigrationPrefix, ct);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            unlock.Parameters.AddWithValue("key", MigrationLockKey);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static async Task<int> PendingMigrationsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var exists = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL", connection);
        var applied = new HashSet<int>();
        if (await exists.ExecuteScalarAsync(ct) is true)
        {
            await using var versions = new NpgsqlCommand("SELECT version FROM schema_migrations", connection);
            await using var reader = await versions.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        return SqlMigrator.Versions(typeof(PostgresStore).Assembly, MigrationPrefix).Count(v => !applied.Contains(v));
    }
}
