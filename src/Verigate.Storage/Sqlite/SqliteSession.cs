using System.Data.Common;
using Microsoft.Data.Sqlite;
using Verigate.Core.Outbox;
using Verigate.Storage.Sql;

namespace Verigate.Storage.Sqlite;

/// <summary>A read session on a pooled reader, or a write session taking part in the writer's group commit.</summary>
internal sealed class SqliteSession : SqlSession
{
    private readonly SqliteConnectionHandle _handle;
    private readonly SqliteTransaction? _transaction;
    private readonly SqliteWriter? _writer;
    private readonly bool _urgent;
    private readonly Action<SqliteConnectionHandle>? _returnReader;
    private bool _holdsWriter;

    private SqliteSession(SqliteConnectionHandle handle, SqliteTransaction? transaction, SqliteWriter? writer, bool urgent,
        Action<SqliteConnectionHandle>? returnReader, IOutboxSignal signal)
        : base(SqliteDialect.Instance, signal)
    {
        _handle = handle;
        _transaction = transaction;
        _writer = writer;
        _urgent = urgent;
        _returnReader = returnReader;
        _holdsWriter = writer is not null;
    }

    public static SqliteSession ForWrite(SqliteWriter writer, SqliteTransaction transaction, bool urgent, IOutboxSignal signal) =>
        new(writer.Handle, transaction, writer, urgent, null, signal);

    public static SqliteSession ForRead(SqliteConnectionHandle reader, Action<SqliteConnectionHandle> returnReader, IOutboxSignal signal) =>
        new(reader, null, null, false, returnReader, signal);

    internal override DbCommand Command(string sql) => _handle.Command(sql, _transaction);

    // Urgent sessions (the dispatcher) commit their group at once: a message someone waits for is not held back.
    protected override async ValueTask CommitCoreAsync(CancellationToken ct) => await FinishAsync(keep: true);

    protected override async ValueTask RollbackCoreAsync() => await FinishAsync(keep: false);

    protected override ValueTask ReleaseAsync()
    {
        _returnReader?.Invoke(_handle);
        return ValueTask.CompletedTask;
    }

    private Task FinishAsync(bool keep)
    {
        if (!_holdsWriter)
        {
            return Task.CompletedTask;
        }

        _holdsWriter = false;
        return _writer!.FinishAsync(keep, commitNow: _urgent);
    }
}
