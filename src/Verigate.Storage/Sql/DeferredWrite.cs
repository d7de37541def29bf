using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Verigate.Storage.Sql;

/// <summary>
/// A write whose outcome nobody reads — no rows back, no count compared — such as an audit line, a timeline entry or
/// a webhook event. A store hands it to its session (<see cref="SqlSession.WriteAsync"/>) instead of running it, so
/// a backend with round trips can send all of a transaction's such writes as one statement (see
/// <c>Postgres/WriteFusion</c>). It must not read what another held-back write writes (in one statement they share a
/// snapshot). <see cref="Ctes"/> are writing CTEs the main statement reads from (PostgreSQL only); a CTE is referred to
/// by its name, which must not occur in the SQL as anything else.
/// </summary>
internal sealed partial class DeferredWrite(string sql, params (string Name, string Sql)[] ctes)
{
    private readonly List<(string Name, object? Value)> _parameters = [];

    public string Sql { get; } = sql;

    public IReadOnlyList<(string Name, string Sql)> Ctes { get; } = ctes;

    public IReadOnlyList<(string Name, object? Value)> Parameters => _parameters;

    /// <summary>The parameter <paramref name="name"/> (with its <c>@</c>), as <see cref="DbCommandExtensions.With"/> binds it.</summary>
    public DeferredWrite With(string name, object? value)
    {
        _parameters.Add((name, value));
        return this;
    }

    /// <summary>
    /// The tables the write changes (its statement's and its CTEs'); empty when they cannot be told. Worked out once per
    /// SQL text: every transaction asks it of each of its writes.
    /// </summary>
    public IReadOnlyList<string> Tables => TablesBySql.GetOrAdd(StandaloneSql, static (_, write) =>
        [.. write.Ctes.Select(c => c.Sql).Append(write.Sql).Select(sql => Target().Match(sql)).Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct()], this);

    /// <summary>The write as a statement of its own.</summary>
    public string StandaloneSql => field ??= Ctes.Count == 0 ? Sql : "WITH " + string.Join(", ", Ctes.Select(c => $"{c.Name} AS ({c.Sql})")) + " " + Sql;

    // Bounded by the program's SQL texts: writes are never built from data.
    private static readonly ConcurrentDictionary<string, IReadOnlyList<string>> TablesBySql = new(StringComparer.Ordinal);

    [GeneratedRegex(@"^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+([A-Za-z_][A-Za-z0-9_]*)", RegexOptions.IgnoreCase)]
    private static partial Regex Target();
}
