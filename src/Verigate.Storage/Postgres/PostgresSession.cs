using System.Data.Common;
using Npgsql;
using Verigate.Core.Outbox;
using Verigate.Storage.Sql;

namespace Verigate.Storage.Postgres;

/// <summary>A write session is one READ COMMITTED transaction; a read session is a plain pooled connection.</summary>
internal sealed class PostgresSession(NpgsqlConnection connection, NpgsqlTransaction? transaction, IOutboxSignal signal)
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
