using System.Data.Common;
using Npgsql;
using Verigate.Core.Outbox;
using Verigate.Core.Storage;
using Verigate.Storage.Sql;

namespace Verigate.Storage.Postgres;

/// <summary>
/// A write session is one READ COMMITTED transaction; a read session is a plain pooled connection. A counters
/// session (<paramref name="beginsOnFirstCommand"/>) starts its transaction with its first ordinary command, so
/// that a charge made at once (<see cref="CommandOnItsOwn"/>) can commit on its own instead.
/// </summary>
internal sealed class PostgresSession(
    NpgsqlConnection connection, NpgsqlTransaction? transaction, IOutboxSignal signal, NpgsqlDataSource? counters = null, bool beginsOnFirstCommand = false)
    : SqlSession(PostgresDialect.Instance, signal)
{
    private readonly List<NpgsqlCommand> _commands = [];
    private readonly List<DeferredWrite> _deferred = [];
    private int _savepoints;
    private bool _ranOnItsOwn;

    internal override DbCommand Command(string sql)
    {
        if (beginsOnFirstCommand && transaction is null)
        {
            // Npgsql sends nothing here: the BEGIN goes out with the command's own round trip.
            transaction = connection.BeginTransaction();
        }

        var command = new NpgsqlCommand(sql, connection, transaction);
        _commands.Add(command);
        return transaction is null || beginsOnFirstCommand ? command : new FlushFirstCommand(command, this);
    }

    /// <summary>
    /// In a write transaction the write waits for the next statement or the commit, and goes out with the others
    /// waiting as one statement (<see cref="WriteFusion"/>): a round trip and a statement instead of one per write.
    /// </summary>
    internal override Task WriteAsync(DeferredWrite write, CancellationToken ct)
    {
        if (transaction is null || beginsOnFirstCommand)
        {
            return base.WriteAsync(write, ct);
        }

        _deferred.Add(write);
        return Task.CompletedTask;
    }

    /// <summary>Sends the deferred writes, if any: before every other statement of the session, and before the commit.</summary>
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
        var batch = WriteFusion.Batch(_deferred, connection, transaction);
        _deferred.Clear();
        return batch;
    }

    /// <summary>Only in a counters session before anything else ran in it, and once.</summary>
    internal override DbCommand? CommandOnItsOwn(string sql)
    {
        if (!beginsOnFirstCommand || transaction is not null || _ranOnItsOwn)
        {
            return null;
        }

        _ranOnItsOwn = true;
        var command = new NpgsqlCommand(sql, connection);
        _commands.Add(command);
        return command;
    }

    /// <summary>
    /// The counters get a transaction of their own on the counters pool, whose connections commit with
    /// synchronous_commit = off: the hot rows are locked for a few round trips, not until this transaction's WAL
    /// flush. A separate pool, so a session waiting for a counters connection never holds one that a counters
    /// session waits for. Without a counters pool (or in a read session) the rows are charged here.
    /// </summary>
    public override async ValueTask<IStoreSession> BeginCountersAsync(CancellationToken ct)
    {
        if (counters is null || transaction is null)
        {
            return await base.BeginCountersAsync(ct);
        }

        return new PostgresSession(await counters.OpenConnectionAsync(ct), null, OutboxSignal, beginsOnFirstCommand: true);
    }

    /// <summary>
    /// A failed statement aborts a PostgreSQL transaction; a savepoint keeps an expected unique violation
    /// from poisoning the rest of the unit of work (SQLite needs none: its writer is serialized).
    /// </summary>
    internal override async Task<bool> TryUniqueWriteAsync(Func<Task<bool>> write)
    {
        if (transaction is null)
        {
            return await base.TryUniqueWriteAsync(write);
        }

        // The savepoint must come after the writes made before it: a conflict must not roll them back.
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
        if (transaction is not null)
        {
            await FlushAsync(ct);
            await transaction.CommitAsync(ct);
        }
    }

    protected override async ValueTask RollbackCoreAsync()
    {
        _deferred.Clear();
        if (transaction is not null)
        {
            try
            {
                await transaction.RollbackAsync();
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

        if (transaction is not null)
        {
            await transaction.DisposeAsync();
        }

        await connection.DisposeAsync();
    }
}
