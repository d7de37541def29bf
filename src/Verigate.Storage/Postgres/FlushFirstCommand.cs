using System.Data;
using System.Data.Common;
using Npgsql;

namespace Verigate.Storage.Postgres;

/// <summary>
/// A command of a write session that first sends the session's deferred writes (<see cref="PostgresSession.FlushAsync"/>),
/// so every statement sees what the transaction wrote before it, in order, deferred or not.
/// </summary>
internal sealed class FlushFirstCommand(NpgsqlCommand inner, PostgresSession session) : DbCommand
{
    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string CommandText
    {
        get => inner.CommandText;
        set => inner.CommandText = value;
    }

    public override int CommandTimeout
    {
        get => inner.CommandTimeout;
        set => inner.CommandTimeout = value;
    }

    public override CommandType CommandType
    {
        get => inner.CommandType;
        set => inner.CommandType = value;
    }

    public override bool DesignTimeVisible
    {
        get => inner.DesignTimeVisible;
        set => inner.DesignTimeVisible = value;
    }

    public override UpdateRowSource UpdatedRowSource
    {
        get => inner.UpdatedRowSource;
        set => inner.UpdatedRowSource = value;
    }

    protected override DbConnection? DbConnection
    {
        get => inner.Connection;
        set => inner.Connection = (NpgsqlConnection?)value;
    }

    protected override DbParameterCollection DbParameterCollection => inner.Parameters;

    protected override DbTransaction? DbTransaction
    {
        get => inner.Transaction;
        set => inner.Transaction = (NpgsqlTransaction?)value;
    }

    public override void Cancel() => inner.Cancel();

    public override void Prepare() => inner.Prepare();

    protected override DbParameter CreateDbParameter() => inner.CreateParameter();

    public override int ExecuteNonQuery()
    {
        session.Flush();
        return inner.ExecuteNonQuery();
    }

    public override object? ExecuteScalar()
    {
        session.Flush();
        return inner.ExecuteScalar();
    }

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        session.Flush();
        return inner.ExecuteReader(behavior);
    }

    public override async Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken)
    {
        await session.FlushAsync(cancellationToken);
        return await inner.ExecuteNonQueryAsync(cancellationToken);
    }

    public override async Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken)
    {
        await session.FlushAsync(cancellationToken);
        return await inner.ExecuteScalarAsync(cancellationToken);
    }

    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken)
    {
        await session.FlushAsync(cancellationToken);
        return await inner.ExecuteReaderAsync(behavior, cancellationToken);
    }
}
