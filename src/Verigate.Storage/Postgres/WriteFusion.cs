using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;
using Verigate.Storage.Sql;

namespace Verigate.Storage.Postgres;

/// <summary>
/// Turns a transaction's deferred writes into as few statements as keep their order, sent in one round trip. Writes in
/// a row that touch different tables become one statement: each a writing CTE of the last
/// (<c>WITH w0 AS (…), w1 AS (…) last</c>). PostgreSQL runs every data-modifying CTE exactly once, whether or not
/// anything reads it, and checks foreign keys at the end of the whole statement, so a timeline row may refer to a
/// challenge inserted by a sibling. But siblings run in an order the documentation calls unpredictable, and see the
/// same snapshot, not each other's rows: so a write to a table already written in the statement starts the next
/// statement (ids, and with them the order of timelines and audit trails, follow the order of the calls), and only
/// writes whose outcome nobody reads are deferred, with every other statement of the session sending them first.
/// </summary>
internal static partial class WriteFusion
{
    private const int MaxCachedShapes = 512;
    private static readonly ConcurrentDictionary<string, string> Shapes = new(StringComparer.Ordinal);

    public static NpgsqlBatch Batch(IReadOnlyList<DeferredWrite> writes, NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        foreach (var group in Groups(writes))
        {
            var command = new NpgsqlBatchCommand(group.Count == 1 ? group[0].StandaloneSql : SqlOf(group));
            for (var i = 0; i < group.Count; i++)
            {
                Bind(command, group[i], group.Count == 1 ? null : Prefix(i));
            }

            batch.BatchCommands.Add(command);
        }

        return batch;
    }

    /// <summary>Consecutive writes, cut wherever a write touches a table the current group already touches.</summary>
    internal static List<List<DeferredWrite>> Groups(IReadOnlyList<DeferredWrite> writes)
    {
        var groups = new List<List<DeferredWrite>>();
        var tables = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var open = false;
        foreach (var write in writes)
        {
            var touched = write.Tables;
            if (!open || touched.Count == 0 || touched.Any(tables.Contains))
            {
                groups.Add([]);
                tables.Clear();
            }

            groups[^1].Add(write);
            tables.UnionWith(touched);

            // A write whose tables cannot be told stands alone.
            open = touched.Count > 0;
        }

        return groups;
    }

    /// <summary>The fused text; the same shapes recur (one per code path), so their texts are kept and stay prepared.</summary>
    internal static string SqlOf(IReadOnlyList<DeferredWrite> writes)
    {
        var key = new StringBuilder();
        foreach (var write in writes)
        {
            key.Append(write.StandaloneSql).Append('\u0001');
        }

        var shape = key.ToString();
        if (Shapes.TryGetValue(shape, out var known))
        {
            return known;
        }

        var sql = Fuse(writes);
        if (Shapes.Count < MaxCachedShapes)
        {
            Shapes.TryAdd(shape, sql);
        }

        return sql;
    }

    private static string Fuse(IReadOnlyList<DeferredWrite> writes)
    {
        var ctes = new List<string>();
        var last = writes.Count - 1;
        for (var i = 0; i < last; i++)
        {
            AddCtes(ctes, writes[i], i);
            ctes.Add($"{Prefix(i)} AS ({Rename(writes[i].Sql, writes[i], i)})");
        }

        AddCtes(ctes, writes[last], last);
        return "WITH " + string.Join(", ", ctes) + " " + Rename(writes[last].Sql, writes[last], last);
    }

    private static void AddCtes(List<string> ctes, DeferredWrite write, int index)
    {
        foreach (var (name, sql) in write.Ctes)
        {
            ctes.Add($"{Prefix(index)}_{name} AS ({Rename(sql, write, index)})");
        }
    }

    /// <summary>Gives write <paramref name="index"/>'s parameters and CTE names its own prefix, so no two writes share one.</summary>
    private static string Rename(string sql, DeferredWrite write, int index)
    {
        var prefix = Prefix(index);
        var renamed = ParameterName().Replace(sql, m => "@" + prefix + "_" + m.Groups[1].Value);
        foreach (var (name, _) in write.Ctes)
        {
            renamed = Regex.Replace(renamed, $@"\b{Regex.Escape(name)}\b", prefix + "_" + name);
        }

        return renamed;
    }

    private static void Bind(NpgsqlBatchCommand command, DeferredWrite write, string? prefix)
    {
        foreach (var (name, value) in write.Parameters)
        {
            var bare = name.TrimStart('@');
            command.Parameters.AddWithValue("@" + (prefix is null ? bare : prefix + "_" + bare), value ?? DBNull.Value);
        }
    }

    private static string Prefix(int index) => "w" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"@([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ParameterName();
}
