using System.Collections.Concurrent;
using Verigate.Core.RateLimiting;
using Verigate.Storage.Sql;

namespace Verigate.Storage.RateLimiting;

internal sealed class SqlRateLimitStore(SqlSession s) : IRateLimitStore
{
    // One SQL text per number of keys (a send charges 2 to 5), so statements stay prepared and cached.
    private static readonly ConcurrentDictionary<int, string> Upserts = new();

    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> GetForUpdateAsync(IReadOnlyList<string> keys, CancellationToken ct)
    {
        var command = s.Command(s.Dialect.SelectRateLimitsForUpdate(keys.Count));
        for (var i = 0; i < keys.Count; i++)
        {
            command.With($"@k{i}", keys[i]);
        }

        var rows = await command.ListAsync(r => (Key: r.GetString(0), Tat: r.GetInt64(1)), ct);
        return rows.Where(r => r.Tat != 0).ToDictionary(r => r.Key, r => DbTime.From(r.Tat), StringComparer.Ordinal);
    }

    public Task SetAsync(IReadOnlyList<KeyValuePair<string, DateTimeOffset>> instants, CancellationToken ct)
    {
        var sql = Upserts.GetOrAdd(instants.Count, n =>
            "INSERT INTO rate_limits (key, tat) VALUES " + string.Join(", ", Enumerable.Range(0, n).Select(i => $"(@k{i}, @t{i})")) +
            " ON CONFLICT (key) DO UPDATE SET tat = excluded.tat");
        var command = s.Command(sql);
        for (var i = 0; i < instants.Count; i++)
        {
            command.With($"@k{i}", instants[i].Key).With($"@t{i}", DbTime.Of(instants[i].Value));
        }

        return command.ExecuteNonQueryAsync(ct);
    }
}
