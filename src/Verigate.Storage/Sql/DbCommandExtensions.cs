using System.Data.Common;

namespace Verigate.Storage.Sql;

/// <summary>Small helpers that keep the repositories to one line of SQL and one line of mapping.</summary>
internal static class DbCommandExtensions
{
    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }

    public static async Task<T?> FirstOrDefaultAsync<T>(this DbCommand command, Func<DbDataReader, T> map, CancellationToken ct)
        where T : class
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? map(reader) : null;
    }

    public static async Task<IReadOnlyList<T>> ListAsync<T>(this DbCommand command, Func<DbDataReader, T> map, CancellationToken ct)
    {
        var list = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(map(reader));
        }

        return list;
    }

    public static async Task<long?> Int64OrNullAsync(this DbCommand command, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) && !reader.IsDBNull(0) ? reader.GetInt64(0) : null;
    }

    public static string? NullableString(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? NullableInt64(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static byte[]? NullableBytes(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<byte[]>(ordinal);

    public static DateTimeOffset Time(this DbDataReader reader, int ordinal) => DbTime.From(reader.GetInt64(ordinal));

    public static DateTimeOffset? NullableTime(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : DbTime.From(reader.GetInt64(ordinal));
}
