using System.Collections.Concurrent;
using Verigate.Core.RateLimiting;
using Verigate.Storage.Fraud;
using Verigate.Storage.Sql;

namespace Verigate.Storage.RateLimiting;

internal sealed class SqlRateLimitStore(SqlSession s) : IRateLimitStore
{
    // One SQL text per number of keys (a send charges 2 to 5), so statements stay prepared and cached.
    private static readonly ConcurrentDictionary<int, string> Upserts = new();

    // How often a read or charge runs when a key's row keeps vanishing under it (see EveryKeyAsync).
    private const int Tries = 3;

    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> GetForUpdateAsync(IReadOnlyList<string> keys, CancellationToken ct)
    {
        Task<IReadOnlyList<(string Key, long Tat)>> Read()
        {
            var command = s.Command(s.Dialect.SelectRateLimitsForUpdate(keys.Count));
            for (var i = 0; i < keys.Count; i++)
            {
                command.With($"@k{i}", keys[i]);
            }

            return command.ListAsync(r => (Key: r.GetString(0), Tat: r.GetInt64(1)), ct);
        }

        IEnumerable<(string Key, long Tat)> rows = s.Dialect.LocksEveryRateLimitRow ? (await EveryKeyAsync(keys, r => r.Key, Read)).Values : await Read();
        return rows.Where(r => r.Tat != 0).ToDictionary(r => r.Key, r => DbTime.From(r.Tat), StringComparer.Ordinal);
    }

    /// <summary>
    /// Runs a statement that locks every key's row (inserted first if missing) until it returns all of them. A row that
    /// already exists is not locked by the insert, so maintenance may delete it (drained, it means "no state") before
    /// FOR UPDATE reaches it; the statement then comes back without that key (a charge, having written nothing), and
    /// running it again inserts the row afresh. Still short after <see cref="Tries"/> runs is a fault, not a refusal.
    /// Returns the rows by key.
    /// </summary>
    private static async Task<Dictionary<string, T>> EveryKeyAsync<T>(IEnumerable<string> keys, Func<T, string> keyOf, Func<Task<IReadOnlyList<T>>> run)
    {
        for (var attempt = 1; ; attempt++)
        {
            var rows = (await run()).ToDictionary(keyOf, StringComparer.Ordinal);
            if (keys.All(rows.ContainsKey))
            {
                return rows;
            }

            if (attempt == Tries)
            {
                throw new InvalidOperationException($"Rate-limit rows were deleted while being charged, {Tries} times in a row.");
            }
        }
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

    public async Task<CounterChargeOutcome?> TryChargeAtOnceAsync(CounterCharge charge, CancellationToken ct)
    {
        var charges = charge.Charges;
        if (s.Dialect.ChargeAtOnce(charges.Count, charge.BudgetPeriods.Count) is not { } sql || s.CommandOnItsOwn(sql) is not { } command)
        {
            return null;
        }

        for (var i = 0; i < charges.Count; i++)
        {
            command.With($"@k{i}", charges[i].Key).With($"@e{i}", charges[i].Limit.EmissionInterval.Ticks).With($"@p{i}", charges[i].Limit.Period.Ticks);
        }

        for (var j = 0; j < charge.BudgetPeriods.Count; j++)
        {
            command.With($"@b{j}", charge.BudgetPeriods[j]);
        }

        // Each run is a transaction of its own, and one that came back short charged nothing: running it again is safe.
        command.With("@now", UnixTicks(charge.Now)).With("@scope", charge.BlockScope).With("@cost", (long)(charge.Cost * SqlFraudStore.Micros));
        var rows = await EveryKeyAsync(charges.Select(c => c.Key), r => r.Key,
            () => command.ListAsync(r => (Key: r.GetString(0), T: r.GetInt64(1), NewTat: r.GetInt64(2), Wait: r.GetInt64(3), Blocked: r.GetBoolean(4)), ct));
        var decisions = charges.Select(c => rows[c.Key]).Select(r => r.Wait <= 0
            ? new RateDecision(true, FromUnixTicks(r.NewTat), TimeSpan.Zero)
            : new RateDecision(false, FromUnixTicks(r.T), TimeSpan.FromTicks(r.Wait))).ToList();
        return new CounterChargeOutcome(rows.Values.Any(r => r.Blocked), decisions);
    }

    private static long UnixTicks(DateTimeOffset instant) => instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;

    private static DateTimeOffset FromUnixTicks(long ticks) => new(DateTimeOffset.UnixEpoch.UtcTicks + ticks, TimeSpan.Zero);
}
