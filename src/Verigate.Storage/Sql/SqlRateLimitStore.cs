using Verigate.Core.Storage;

namespace Verigate.Storage.Sql;

internal sealed class SqlRateLimitStore(SqlSession s) : IRateLimitStore
{
    public async Task<DateTimeOffset?> GetForUpdateAsync(string key, CancellationToken ct)
    {
        var tat = await s.Command(s.Dialect.SelectRateLimitForUpdate).With("@key", key).Int64OrNullAsync(ct);
        return tat is null or 0 ? null : DbTime.From(tat.Value);
    }

    public Task SetAsync(string key, DateTimeOffset tat, CancellationToken ct) =>
        s.Command("INSERT INTO rate_limits (key, tat) VALUES (@key, @tat) ON CONFLICT (key) DO UPDATE SET tat = excluded.tat")
            .With("@key", key).With("@tat", DbTime.Of(tat)).ExecuteNonQueryAsync(ct);
}
