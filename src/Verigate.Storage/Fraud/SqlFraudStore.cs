using System.Data.Common;
using Verigate.Core.Fraud;
using Verigate.Storage.Sql;

namespace Verigate.Storage.Fraud;

internal sealed class SqlFraudStore(SqlSession s) : IFraudStore
{
    // Costs are kept as integer millionths so the SQL stays shared and sums stay exact.
    internal const decimal Micros = 1_000_000m;

    // One SQL text per number of periods, so the statement stays prepared.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> BudgetUpserts = new();

    public Task<FraudBlock?> GetBlockAsync(string scope, CancellationToken ct) =>
        s.Command("SELECT scope, blocked_until, strikes, reason, updated_at FROM fraud_blocks WHERE scope = @scope")
            .With("@scope", scope).FirstOrDefaultAsync(Map, ct);

    public Task SetBlockAsync(FraudBlock block, CancellationToken ct) =>
        s.Command("INSERT INTO fraud_blocks (scope, blocked_until, strikes, reason, updated_at) VALUES (@scope, @until, @strikes, @reason, @at) " +
                  "ON CONFLICT (scope) DO UPDATE SET blocked_until = excluded.blocked_until, strikes = excluded.strikes, reason = excluded.reason, updated_at = excluded.updated_at")
            .With("@scope", block.Scope).With("@until", DbTime.Of(block.BlockedUntil)).With("@strikes", (long)block.Strikes)
            .With("@reason", block.Reason).With("@at", DbTime.Of(block.UpdatedAt)).ExecuteNonQueryAsync(ct);

    public Task<IReadOnlyList<FraudBlock>> ListBlocksAsync(DateTimeOffset activeAt, CancellationToken ct) =>
        s.Command("SELECT scope, blocked_until, strikes, reason, updated_at FROM fraud_blocks WHERE blocked_until > @now ORDER BY scope")
            .With("@now", DbTime.Of(activeAt)).ListAsync(Map, ct);

    public async Task<PrefixStats> PrefixStatsAsync(string prefix, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        // A prefix is '+' and digits only, so it holds no LIKE wildcard. Decoys (subject account 0) sent nothing
        // and are never entered by design: counting them would let anonymous resets block a real prefix.
        var rows = await s.Command(
                "SELECT COUNT(*), COALESCE(SUM(CASE WHEN status = 'approved' THEN 1 ELSE 0 END), 0) FROM challenges " +
                "WHERE channel = 'sms' AND created_at >= @from AND created_at < @to AND destination LIKE @prefix " +
                "AND NOT (subject_kind = 'account' AND subject_id = '0')")
            .With("@from", DbTime.Of(from)).With("@to", DbTime.Of(to)).With("@prefix", prefix + "%")
            .ListAsync(r => new PrefixStats((int)Convert.ToInt64(r.GetValue(0)), (int)Convert.ToInt64(r.GetValue(1))), ct);
        return rows[0];
    }

    public async Task<BudgetUsage> GetBudgetAsync(string period, CancellationToken ct) =>
        await s.Command("SELECT period, sends, cost_micros FROM sms_budget WHERE period = @period").With("@period", period)
            .FirstOrDefaultAsync(MapBudget, ct) ?? new BudgetUsage(period, 0, 0);

    public async Task<BudgetUsage> AddToBudgetAsync(string period, decimal cost, CancellationToken ct) =>
        await s.Command("INSERT INTO sms_budget (period, sends, cost_micros) VALUES (@period, 1, @cost) " +
                        "ON CONFLICT (period) DO UPDATE SET sends = sms_budget.sends + 1, cost_micros = sms_budget.cost_micros + excluded.cost_micros " +
                        "RETURNING period, sends, cost_micros")
            .With("@period", period).With("@cost", (long)(cost * Micros)).FirstOrDefaultAsync(MapBudget, ct)
        ?? throw new InvalidOperationException("The budget upsert returned no row.");

    public async Task<IReadOnlyList<BudgetUsage>> AddToBudgetsAsync(IReadOnlyList<string> periods, decimal cost, CancellationToken ct)
    {
        var sql = BudgetUpserts.GetOrAdd(periods.Count, n =>
            "INSERT INTO sms_budget (period, sends, cost_micros) VALUES " + string.Join(", ", Enumerable.Range(0, n).Select(i => $"(@p{i}, 1, @cost)")) +
            " ON CONFLICT (period) DO UPDATE SET sends = sms_budget.sends + 1, cost_micros = sms_budget.cost_micros + excluded.cost_micros " +
            "RETURNING period, sends, cost_micros");
        var command = s.Command(sql).With("@cost", (long)(cost * Micros));
        for (var i = 0; i < periods.Count; i++)
        {
            command.With($"@p{i}", periods[i]);
        }

        // RETURNING gives no order: put the totals back in the caller's.
        var rows = (await command.ListAsync(MapBudget, ct)).ToDictionary(b => b.Period, StringComparer.Ordinal);
        return [.. periods.Select(p => rows[p])];
    }

    private static FraudBlock Map(DbDataReader r) =>
        new(r.GetString(0), r.Time(1), (int)r.GetInt64(2), r.GetString(3), r.Time(4));

    private static BudgetUsage MapBudget(DbDataReader r) => new(r.GetString(0), r.GetInt64(1), r.GetInt64(2) / Micros);
}
