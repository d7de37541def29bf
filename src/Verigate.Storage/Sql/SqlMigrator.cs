using System.Data.Common;
using System.Reflection;

namespace Verigate.Storage.Sql;

/// <summary>
/// Applies the embedded migration scripts (NNNN_name.sql) that a database has not seen yet, each in its own
/// transaction, and records them in <c>schema_migrations</c>. Safe to run on every start.
/// </summary>
public static class SqlMigrator
{
    public static async Task<int> ApplyAsync(DbConnection connection, Assembly assembly, string resourcePrefix, CancellationToken ct)
    {
        await Execute(connection, null, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)", ct);
        var applied = new HashSet<int>();
        await using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT version FROM schema_migrations";
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                applied.Add(Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        var count = 0;
        foreach (var (version, name) in Scripts(assembly, resourcePrefix))
        {
            if (applied.Contains(version))
            {
                continue;
            }

            await using var stream = assembly.GetManifestResourceStream(name)!;
            var sql = await new StreamReader(stream).ReadToEndAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            await Execute(connection, tx, sql, ct);
            await using (var record = connection.CreateCommand())
            {
                record.Transaction = tx;
                // The database stamps the time: an operations record, on the clock every instance shares.
                record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@v, @n, CURRENT_TIMESTAMP)";
                record.With("@v", version).With("@n", name[resourcePrefix.Length..]);
                await record.ExecuteNonQueryAsync(ct);
            }

            await tx.CommitAsync(ct);
            count++;
        }

        return count;
    }

    /// <summary>The versions this build ships, to tell whether a database is behind.</summary>
    public static IEnumerable<int> Versions(Assembly assembly, string resourcePrefix) => Scripts(assembly, resourcePrefix).Select(s => s.Version);

    private static IEnumerable<(int Version, string Resource)> Scripts(Assembly assembly, string prefix) =>
        assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => (Version: int.Parse(n.AsSpan(prefix.Length, 4), System.Globalization.CultureInfo.InvariantCulture), Resource: n))
            .OrderBy(s => s.Version);

    private static async Task Execute(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
