using System.Data.Common;

namespace Verigate.Storage.Sql;

/// <summary>
/// The few places where SQLite and PostgreSQL need different SQL. Everything else is shared text: times are
/// integer milliseconds, booleans are integers, and both engines speak RETURNING and ON CONFLICT.
/// </summary>
public abstract class SqlDialect
{
    /// <summary>Reads a rate-limit row so that no concurrent transaction can change it before we commit.</summary>
    public abstract string SelectRateLimitForUpdate { get; }

    /// <summary>Appended to the outbox claim's inner SELECT so concurrent dispatchers skip each other's rows.</summary>
    public abstract string SkipLocked { get; }

    public abstract bool IsUniqueViolation(DbException exception);
}
