using System.Data.Common;
using Microsoft.Data.Sqlite;
using Verigate.Core.Outbox;
using Verigate.Storage.Sql;

namespace Verigate.Storage.Sqlite;

internal sealed class SqliteSession(SqliteConnectionHandle handle, SqliteTransaction? transaction, IOutboxSignal signal, Action<SqliteConnectionHandle> release)
    : SqlSession(SqliteDialect.Instance, signal)
{
    internal override DbCommand Command(string sql) => handle.Command(sql, transaction);

    protected override ValueTask CommitCoreAsync(CancellationToken ct)
    {
        transaction?.Commit();
        return ValueTask.CompletedTask;
    }

    protected override ValueTask RollbackCoreAsync()
    {
        transaction?.Rollback();
        return ValueTask.CompletedTask;
    }

    protected override ValueTask ReleaseAsync()
    {
        transaction?.Dispose();
        release(handle);
        return ValueTask.CompletedTask;
    }
}
