using System.Data;
using System.Data.Common;
using Npgsql;
using Verigate.Core.Outbox;
using Verigate.Core.Storage;
using Verigate.Storage.Sql;

namespace Verigate.Storage.Postgres;

/// <summary>
/// A read session is a plain pooled connection. A write session is one READ COMMITTED transaction that begins with its
/// first statement (Npgsql sends the BEGIN in that statement's round trip) and ends with its held-back writes (the
/// COMMIT goes out in their round trip). A write session that never ran a statement
/// of its own — only held-back writes, or one statement on its own (<see cref="CommandOnItsOwn"/>) — never begins one:
/// its commit sends the held writes as one batch, which PostgreSQL runs as one implicit transaction (all or nothing),
/// without a BEGIN and a COMMIT of their own.
/// </summary>
internal sealed class PostgresSession(NpgsqlConnection connection, bool writes, IOutboxSignal signal, Action clearPools, NpgsqlDataSource? counters = null)
    : SqlSession(PostgresDialect.Instance, signal)
{
    private readonly List<NpgsqlCommand> _commands = [];
    private readonly List<DeferredWrite> _deferred = [];
    private NpgsqlTransaction? _transaction;
    private int _savepoints;
    private bool _ranOnItsOwn;

    internal override DbCommand Command(string sql)
    {
        if (!writes)
        {
            return Track(new NpgsqlCommand(sql, connection));
        }

        var command = Track(new NpgsqlCommand(sql, connection, Transaction()));
        return new FlushFirstCommand(command, this);
    }

    /// <summary>
    /// In a write session the write waits for the next statement or the commit, and goes out with the others waiting
    /// as one statement (<see cref="WriteFusion"/>): a round trip and a statement instead of one per write.
    /// </summary>
    internal override Task WriteAsync(DeferredWrite write, CancellationToken ct)
    {
        if (!writes)
        {
            return base.WriteAsync(write, ct);
        }

        _deferred.Add(write);
        return Task.CompletedTask;
    }

    /// <summary>Sends the deferred writes, if any: before every other statement of the session, and at the commit.</summary>
    internal async Task FlushAsync(CancellationToken ct)
    {
        if (_deferred.Count == 0)
        {
            return;
        }

        await using var batch = TakeDeferred();
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary><see cref="FlushAsync"/> for the synchronous paths of <see cref="FlushFirstCommand"/>.</summary>
    internal void Flush()
    {
        if (_deferred.Count == 0)
        {
            return;
        }

        using var batch = TakeDeferred();
        batch.ExecuteNonQuery();
    }

    private NpgsqlBatch TakeDeferred()
    {
        // Taken before running: a write that fails is not sent again by the rollback path or a later statement.
        var batch = WriteFusion.Batch(_deferred, connection, _transaction);
        _deferred.Clear();
        return batch;
    }

    /// <summary>
    /// Only in a write session before anything else happened in it, and once: the statement then commits on its own
    /// (a counters charge, a lease). Whatever follows it in the session is a transaction without it.
    /// </summary>
    internal override DbCommand? CommandOnItsOwn(string sql)
    {
        if (!writes || _transaction is not null || _deferred.Count != 0 || _ranOnItsOwn)
        {
            return null;
        }

        _ranOnItsOwn = true;
        return Track(new NpgsqlCommand(sql, connection));
    }

    /// <summary>
    /// The counters get a transaction of their own on the counters pool, whose connections commit with
    /// synchronous_commit = off: the hot rows are locked for a few round trips, not until this transaction's WAL
    /// flush. A separate pool, so a session waiting for a counters connection never holds one that a counters
    /// session waits for. Without a counters pool (a counters session itself, or a read session) the rows are
    /// charged here.
    /// </summary>
    public override async ValueTask<IStoreSession> BeginCountersAsync(CancellationToken ct)
    {
        if (counters is null || !writes)
        {
            return await base.BeginCountersAsync(ct);
        }

        return new PostgresSession(await counters.OpenConnectionAsync(ct), writes: true, OutboxSignal, clearPools);
    }

    /// <summary>
    /// A failed statement aborts a PostgreSQL transaction; a savepoint keeps an expected unique violation
    /// from poisoning the rest of the unit of work (SQLite needs none: its writer is serialized).
    /// </summary>
    internal override async Task<bool> TryUniqueWriteAsync(Func<Task<bool>> write)
    {
        if (!writes)
        {
            return await base.TryUniqueWriteAsync(write);
        }

        // The savepoint must come after the writes made before it: a conflict must not roll them back.
        var transaction = Transaction();
        await FlushAsync(CancellationToken.None);
        var name = "unique_" + ++_savepoints;
        await transaction.SaveAsync(name);
        try
        {
            var result = await write();
            await transaction.ReleaseAsync(name);
            return result;
        }
        catch (PostgresException e) when (Dialect.IsUniqueViolation(e))
        {
            await transaction.RollbackAsync(name);
            return false;
        }
    }

    protected override async ValueTask CommitCoreAsync(CancellationToken ct)
    {
        // Without a transaction the held writes' batch is one implicit transaction: the commit is its own round trip.
        if (_transaction is null)
        {
            await FlushAsync(ct);
            return;
        }

        if (_deferred.Count == 0)
        {
            await _transaction.CommitAsync(ct);
            return;
        }

        // The held writes and the COMMIT in one round trip. Npgsql follows the server's transaction status, so the
        // transaction counts as completed once the COMMIT has run (its disposal then rolls nothing back). A write that
        // fails makes the server skip the rest of the batch, COMMIT included: the transaction is left failed, and the
        // session's rollback ends it.
        await using var batch = TakeDeferred();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        await batch.ExecuteNonQueryAsync(ct);
    }

    protected override async ValueTask RollbackCoreAsync()
    {
        _deferred.Clear();
        if (_transaction is not null)
        {
            try
            {
                await _transaction.RollbackAsync();
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                // A broken connection (or a failed commit) has already ended the transaction on the server.
            }
        }
    }

    protected override async ValueTask ReleaseAsync()
    {
        foreach (var command in _commands)
        {
            await command.DisposeAsync();
        }

        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
        }

        // A connection that broke (the server restarted, failed over, or ended it) means the idle ones in both pools
        // were most likely ended too. Npgsql may close those of the broken one's own pool; the other pool's (the
        // counters', or the sessions') would stay and each fail a request once. Both are cleared.
        if ((connection.FullState & ConnectionState.Open) == 0 || (connection.FullState & ConnectionState.Broken) != 0)
        {
            clearPools();
        }

        await connection.DisposeAsync();
    }

    // Npgsql sends nothing when a transaction begins: the BEGIN goes out with the next statement's round trip.
    private NpgsqlTransaction Transaction() => _transaction ??= connection.BeginTransaction();

    private NpgsqlCommand Track(NpgsqlCommand command)
    {
        _commands.Add(command);
        return command;
    }
}
