using System.Data.Common;
using Verigate.Core.Devices;
using Verigate.Storage.Sql;

namespace Verigate.Storage.Devices;

internal sealed class SqlDeviceStore(SqlSession s) : IDeviceStore
{
    private const string Columns = "device_id, user_id, name, token_hash, trusted, created_at, last_seen_at";

    public Task InsertAsync(Device d, CancellationToken ct) =>
        s.Command($"INSERT INTO devices ({Columns}) VALUES (@id, @user, @name, @token, @trusted, @created, @seen)")
            .With("@id", d.DeviceId).With("@user", d.UserId).With("@name", d.Name).With("@token", d.TokenHash)
            .With("@trusted", d.Trusted ? 1 : 0).With("@created", DbTime.Of(d.CreatedAt)).With("@seen", DbTime.Of(d.LastSeenAt))
            .ExecuteNonQueryAsync(ct);

    public Task<Device?> FindTrustedByTokenHashAsync(byte[] tokenHash, CancellationToken ct) =>
        s.Command($"SELECT {Columns} FROM devices WHERE token_hash = @token AND trusted = 1").With("@token", tokenHash).FirstOrDefaultAsync(Map, ct);

    public Task<IReadOnlyList<Device>> ListAsync(long userId, CancellationToken ct) =>
        s.Command($"SELECT {Columns} FROM devices WHERE user_id = @user ORDER BY device_id").With("@user", userId).ListAsync(Map, ct);

    public Task TouchAsync(long deviceId, DateTimeOffset at, CancellationToken ct) =>
        s.Command("UPDATE devices SET last_seen_at = @at WHERE device_id = @id").With("@at", DbTime.Of(at)).With("@id", deviceId).ExecuteNonQueryAsync(ct);

    public Task RevokeTrustAsync(long userId, CancellationToken ct) =>
        s.Command("UPDATE devices SET trusted = 0, token_hash = NULL WHERE user_id = @user AND (trusted = 1 OR token_hash IS NOT NULL)")
            .With("@user", userId).ExecuteNonQueryAsync(ct);

    public Task<Device?> GetAsync(long userId, long deviceId, CancellationToken ct) =>
        s.Command($"SELECT {Columns} FROM devices WHERE device_id = @id AND user_id = @user").With("@id", deviceId).With("@user", userId).FirstOrDefaultAsync(Map, ct);

    public async Task<bool> ForgetAsync(long userId, long deviceId, CancellationToken ct) =>
        await s.Command("UPDATE devices SET trusted = 0, token_hash = NULL WHERE device_id = @id AND user_id = @user AND (trusted = 1 OR token_hash IS NOT NULL)")
            .With("@id", deviceId).With("@user", userId).ExecuteNonQueryAsync(ct) == 1;

    private static Device Map(DbDataReader r) =>
        new(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.NullableBytes(3), r.GetInt32(4) == 1, r.Time(5), r.Time(6));
}
