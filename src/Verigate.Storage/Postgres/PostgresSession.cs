using System.Data.Common;
using Npgsql;
using Verigate.Core.Outbox;
using Verigate.Core.Storage;
using Verigate.Storage.Sql;

namespace Verigate.Storage.Postgres;

/// <summary>A write session is one READ COMMITTED transaction; a read session is a plain pooled connection.</summary>
internal sealed class PostgresSession(NpgsqlConnection connection, NpgsqlTransaction? transaction, IOutboxSignal signal, NpgsqlDataSource? counters = null)
    : SqlSession(PostgresDialect.Instance, signal)
{
    private readonly List<NpgsqlCommand> _commands = [];
    private int _savepoints;

    internal override DbCommand Command(string sql)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
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

        var own = await counters.OpenConnectionAsync(ct);
        try
        {
            return new PostgresSession(own, await own.BeginTransactionAsync(ct), OutboxSignal);
        }
        catch
        {
            await own.DisposeAsync();
            throw;
        }
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
            await transaction.CommitAsync(ct);
        }
    }

    protected override async ValueTask RollbackCoreAsync()
    {
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
