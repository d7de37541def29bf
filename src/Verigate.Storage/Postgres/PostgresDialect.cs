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

    public override string SkipLocked => " FOR UPDATE SKIP LOCKED";

    public override bool HasWritingCtes => true;

    // A transaction-scoped advisory lock: released by the commit or rollback, so nothing can leak it.
    public override string SerializeOnKey => "SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))";

    public override bool IsUniqueViolation(DbException exception) => exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
