using System.Collections.Concurrent;
using System.Data.Common;
using Npgsql;
using Verigate.Storage.Sql;

namespace Verigate.Storage.Postgres;

/// <summary>PostgreSQL: many writers at once, so rows that decide a limit are locked explicitly.</summary>
internal sealed class PostgresDialect : SqlDialect
{
    public static readonly PostgresDialect Instance = new();

    // FOR UPDATE cannot lock a row that does not exist yet: two first charges of a new key would both read
    // "nothing" and both pass. Inserting a placeholder first (tat 0 reads as "no state") gives every charge a
    // row to lock; the second statement takes a fresh snapshot, so it also sees a row another transaction
    // committed while this one waited on the unique index.
    // Keys arrive in ordinal order and are inserted and locked in that order, so two transactions charging
    // overlapping keys queue instead of deadlocking.
    public override string SelectRateLimitsForUpdate(int count) =>
        "INSERT INTO rate_limits (key, tat) VALUES " + string.Join(", ", Enumerable.Range(0, count).Select(i => $"(@k{i}, 0)")) +
        $" ON CONFLICT (key) DO NOTHING; SELECT key, tat FROM rate_limits WHERE key IN ({KeyParameters(count)}) ORDER BY key FOR UPDATE";

    public override bool LocksEveryRateLimitRow => true;

    // Gcra.Evaluate in SQL, on the rows locked in key order (the same placeholder insert first, in the same implicit
    // transaction): t = max(stored, now); new = t + emission; allowed when new - period <= now. Instants are Unix ticks
    // (the stored milliseconds × 10,000), so the answers equal the C# ones exactly; the stored value is the new instant
    // in whole milliseconds, as DbTime.Of stores it. Nothing is written unless every counter allows and the prefix is
    // not blocked, and nothing at all unless every key's row was locked: the placeholder insert does not lock a row that
    // already exists, so maintenance may delete a drained one before FOR UPDATE reaches it, and the statement then comes
    // back without that key (SqlRateLimitStore runs it again). The store specification runs this against Gcra.Evaluate on
    // the same inputs.
    private static readonly ConcurrentDictionary<(int, int), string> ChargesAtOnce = new();

    public override string ChargeAtOnce(int charges, int periods) => ChargesAtOnce.GetOrAdd((charges, periods), shape =>
    {
        var (n, m) = shape;
        var keys = KeyParameters(n);
        var inputs = string.Join(", ", Enumerable.Range(0, n).Select(i => $"(@k{i}, @e{i}::bigint, @p{i}::bigint)"));
        var budget = m == 0 ? "" :
            ", budget AS (INSERT INTO sms_budget (period, sends, cost_micros) SELECT b.period, 1, @cost FROM (VALUES " +
            string.Join(", ", Enumerable.Range(0, m).Select(j => $"(@b{j})")) + ") AS b (period), verdict v WHERE v.ok " +
            "ON CONFLICT (period) DO UPDATE SET sends = sms_budget.sends + 1, cost_micros = sms_budget.cost_micros + excluded.cost_micros RETURNING 1)";
        return "INSERT INTO rate_limits (key, tat) VALUES " + string.Join(", ", Enumerable.Range(0, n).Select(i => $"(@k{i}, 0)")) +
               " ON CONFLICT (key) DO NOTHING; " +
               $"WITH input (key, emission, period) AS (VALUES {inputs}), " +
               $"cur AS (SELECT key, tat FROM rate_limits WHERE key IN ({keys}) ORDER BY key FOR UPDATE), " +
               "base AS (SELECT i.key, GREATEST(c.tat * 10000, @now) AS t, i.emission, i.period FROM input i JOIN cur c ON c.key = i.key), " +
               "decided AS (SELECT key, t, t + emission AS new_tat, t + emission - period - @now AS wait FROM base), " +
               "blocks AS (SELECT EXISTS (SELECT 1 FROM fraud_blocks WHERE scope = @scope AND blocked_until * 10000 > @now) AS blocked), " +
               $"verdict AS (SELECT (SELECT count(*) FROM decided) = {n} AND (SELECT bool_and(wait <= 0) FROM decided) AND NOT (SELECT blocked FROM blocks) AS ok), " +
               "charged AS (UPDATE rate_limits r SET tat = d.new_tat / 10000 FROM decided d, verdict v WHERE r.key = d.key AND v.ok RETURNING 1)" +
               budget +
               " SELECT d.key, d.t, d.new_tat, d.wait, b.blocked FROM decided d CROSS JOIN blocks b";
    });

    public override string SkipLocked => " FOR UPDATE SKIP LOCKED";

    public override bool HasWritingCtes => true;

    // A transaction-scoped advisory lock: released by the commit or rollback, so nothing can leak it.
    public override string SerializeOnKey => "SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))";

    public override bool IsUniqueViolation(DbException exception) => exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
