using Verigate.Core.Challenges;
using Verigate.Storage.Sql;

namespace Verigate.Storage.Challenges;

internal sealed class SqlFailureCounterStore(SqlSession s) : IFailureCounterStore
{
    public Task<FailureCount?> GetAsync(string key, CancellationToken ct) =>
        s.Command("SELECT failures, locked_until FROM failure_counters WHERE counter_key = @k").With("@k", key)
            .FirstOrDefaultAsync(r => new FailureCount(r.GetInt32(0), r.IsDBNull(1) ? null : DbTime.From(r.GetInt64(1))), ct);

    public async Task<int> AddAsync(string key, CancellationToken ct) =>
        (int)(await s.Command(
                "INSERT INTO failure_counters (counter_key, failures, locked_until) VALUES (@k, 1, NULL) " +
                "ON CONFLICT (counter_key) DO UPDATE SET failures = failure_counters.failures + 1 RETURNING failures")
            .With("@k", key).Int64OrNullAsync(ct) ?? 0);

    public Task LockAsync(string key, DateTimeOffset until, CancellationToken ct) =>
        s.Command("UPDATE failure_counters SET locked_until = @until WHERE counter_key = @k")
            .With("@until", DbTime.Of(until)).With("@k", key).ExecuteNonQueryAsync(ct);

    public async Task ClearAsync(IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        foreach (var key in keys)
        {
            await s.Command("DELETE FROM failure_counters WHERE counter_key = @k").With("@k", key).ExecuteNonQueryAsync(ct);
        }
    }
}
