using System.Data.Common;
using Microsoft.Data.Sqlite;
using Verigate.Storage.Sql;

namespace Verigate.Storage.Sqlite;

/// <summary>SQLite: one writer at a time (see <see cref="SqliteStore"/>), so plain reads are already exclusive in a write transaction.</summary>
internal sealed class SqliteDialect : SqlDialect
{
    public static readonly SqliteDialect Instance = new();

    private const int SqliteConstraint = 19;

    public override string SelectRateLimitsForUpdate(int count) => $"SELECT key, tat FROM rate_limits WHERE key IN ({KeyParameters(count)})";

    public override string SkipLocked => string.Empty;

    public override bool IsUniqueViolation(DbException exception) => exception is SqliteException { SqliteErrorCode: SqliteConstraint };
}
