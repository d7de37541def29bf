using Verigate.Core.Idempotency;
using Verigate.Storage.Sql;

namespace Verigate.Storage.Idempotency;

internal sealed class SqlIdempotencyStore(SqlSession s) : IIdempotencyStore
{
    public async Task<IdempotencyRecord?> TryBeginAsync(string scope, string key, byte[] requestHash, DateTimeOffset now, CancellationToken ct)
    {
        var inserted = await s.Command("INSERT INTO idempotency (scope, key, request_hash, created_at) VALUES (@scope, @key, @hash, @at) ON CONFLICT DO NOTHING")
            .With("@scope", scope).With("@key", key).With("@hash", requestHash).With("@at", DbTime.Of(now)).ExecuteNonQueryAsync(ct);
        if (inserted == 1)
        {
            return null;
        }

        return await s.Command("SELECT request_hash, status_code, content_type, body FROM idempotency WHERE scope = @scope AND key = @key")
            .With("@scope", scope).With("@key", key)
            .FirstOrDefaultAsync(r => new IdempotencyRecord(
                r.GetFieldValue<byte[]>(0), r.IsDBNull(1) ? null : r.GetInt32(1), r.NullableString(2), r.NullableBytes(3)), ct);
    }

    public Task CompleteAsync(string scope, string key, int statusCode, string? contentType, byte[] body, CancellationToken ct) =>
        s.Command("UPDATE idempotency SET status_code = @status, content_type = @type, body = @body WHERE scope = @scope AND key = @key")
            .With("@status", statusCode).With("@type", contentType).With("@body", body).With("@scope", scope).With("@key", key).ExecuteNonQueryAsync(ct);

    public Task AbandonAsync(string scope, string key, CancellationToken ct) =>
        s.Command("DELETE FROM idempotency WHERE scope = @scope AND key = @key AND status_code IS NULL").With("@scope", scope).With("@key", key).ExecuteNonQueryAsync(ct);
}
