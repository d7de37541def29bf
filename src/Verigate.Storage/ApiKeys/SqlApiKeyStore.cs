using System.Data.Common;
using Verigate.Core.ApiKeys;
using Verigate.Storage.Sql;

namespace Verigate.Storage.ApiKeys;

internal sealed class SqlApiKeyStore(SqlSession s) : IApiKeyStore
{
    private const string Columns = "id, name, key_hash, created_at, revoked_at";

    public async Task<bool> TryInsertAsync(ApiKey k, CancellationToken ct) =>
        await s.Command($"INSERT INTO api_keys ({Columns}) VALUES (@id, @name, @hash, @at, NULL) ON CONFLICT DO NOTHING")
            .With("@id", k.Id).With("@name", k.Name).With("@hash", k.KeyHash).With("@at", DbTime.Of(k.CreatedAt)).ExecuteNonQueryAsync(ct) == 1;

    public Task<ApiKey?> FindActiveByHashAsync(byte[] keyHash, CancellationToken ct) =>
        s.Command($"SELECT {Columns} FROM api_keys WHERE key_hash = @hash AND revoked_at IS NULL").With("@hash", keyHash).FirstOrDefaultAsync(Map, ct);

    public Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct) =>
        s.Command($"SELECT {Columns} FROM api_keys ORDER BY created_at").ListAsync(Map, ct);

    public async Task<bool> RevokeAsync(string name, DateTimeOffset at, CancellationToken ct) =>
        await s.Command("UPDATE api_keys SET revoked_at = @at WHERE name = @name AND revoked_at IS NULL")
            .With("@at", DbTime.Of(at)).With("@name", name).ExecuteNonQueryAsync(ct) == 1;

    private static ApiKey Map(DbDataReader r) => new(r.GetString(0), r.GetString(1), r.GetFieldValue<byte[]>(2), r.Time(3), r.NullableTime(4));
}
