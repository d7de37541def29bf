using System.Data.Common;

namespace Verigate.Storage.Sql;

/// <summary>
/// The few places where SQLite and PostgreSQL need different SQL. Everything else is shared text: times are
/// integer milliseconds, booleans are integers, and both engines speak RETURNING and ON CONFLICT.
/// </summary>
public abstract class SqlDialect
{
    /// <summary>
    /// Reads the rate-limit rows of keys <c>@k0 … @k{count-1}</c> (columns key, tat) so that no concurrent transaction
    /// can change them before we commit.
    /// </summary>
    public abstract string SelectRateLimitsForUpdate(int count);

    /// <summary>
    /// Whether <see cref="SelectRateLimitsForUpdate"/> returns a row for every key (a placeholder inserted for a new one)
    /// when it has locked them all. SQLite returns only the rows that exist: its one writer needs no row to lock.
    /// </summary>
    public virtual bool LocksEveryRateLimitRow => false;

    /// <summary>The parameter list <c>@k0, @k1, …</c>.</summary>
    protected static string KeyParameters(int count) => string.Join(", ", Enumerable.Range(0, count).Select(i => $"@k{i}"));

    /// <summary>
    /// One command that decides and writes a <see cref="Core.RateLimiting.CounterCharge"/> of <paramref name="charges"/>
    /// counters (<c>@k{i}</c> keys, <c>@e{i}</c> emission intervals and <c>@p{i}</c> periods in ticks) and
    /// <paramref name="periods"/> budget periods (<c>@b{j}</c>, cost <c>@cost</c> in micros), at <c>@now</c> (Unix
    /// ticks), unless <c>@scope</c> is blocked; its last result has one row per counter: key, t (the GCRA base instant),
    /// the new instant, the wait (ticks, ≤ 0 = allowed), blocked. Null where a backend does not need it (SQLite: one
    /// writer, no round trips to save).
    /// </summary>
    public virtual string? ChargeAtOnce(int charges, int periods) => null;

    /// <summary>Appended to the outbox claim's inner SELECT so concurrent dispatchers skip each other's rows.</summary>
    public abstract string SkipLocked { get; }

    public abstract bool IsUniqueViolation(DbException exception);

    /// <summary>
    /// Whether an INSERT may sit in a WITH clause of another statement (PostgreSQL), so rows that depend on each
    /// other go in one statement and one round trip; SQLite has no such CTEs (and no round trips to save).
    /// </summary>
    public virtual bool HasWritingCtes => false;

    /// <summary>
    /// A statement that makes concurrent transactions working on the same <c>@key</c> take turns until they commit,
    /// or null where writers already take turns (SQLite has one writer at a time).
    /// </summary>
    public virtual string? SerializeOnKey => null;
}
