using Microsoft.Data.Sqlite;

namespace Verigate.Storage.Sqlite;

/// <summary>
/// A connection with its prepared commands kept by SQL text. Re-preparing the same dozen statements thousands
/// of times a second is measurable; a handle is only ever used by one session at a time, so reuse is safe.
/// </summary>
internal sealed class SqliteConnectionHandle : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteConnectionHandle(string connectionString, SqliteSynchronous synchronous, bool readOnly, bool autoCheckpoint = true)
    {
        Connection = new SqliteConnection(connectionString);
        Connection.Open();
        using var pragma = Connection.CreateCommand();
        // temp_store = MEMORY: SQLite's transient files (the journals of the savepoints the writer's sessions run in
        // among them) were files in /var/tmp, created, unlinked, written and closed: half of a cycle's write calls.
        pragma.CommandText =
            $"PRAGMA journal_mode = WAL; PRAGMA synchronous = {synchronous.ToString().ToUpperInvariant()}; PRAGMA busy_timeout = 10000; PRAGMA temp_store = MEMORY;" +
            (readOnly ? " PRAGMA query_only = 1;" : string.Empty) +
            (autoCheckpoint ? string.Empty : " PRAGMA wal_autocheckpoint = 0;");
        pragma.ExecuteNonQuery();
    }

    public SqliteConnection Connection { get; }

    public SqliteCommand Command(string sql, SqliteTransaction? transaction)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Parameters.Clear();
        command.Transaction = transaction;
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        Connection.Dispose();
    }
}
