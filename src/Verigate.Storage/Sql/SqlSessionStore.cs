using Verigate.Core.Sessions;
using Verigate.Core.Storage;

namespace Verigate.Storage.Sql;

internal sealed class SqlSessionStore(SqlSession s) : ISessionStore
{
    public Task InsertAsync(UserSession x, CancellationToken ct) =>
        s.Command("INSERT INTO sessions (token_hash, session_id, user_id, device_id, created_at, expires_at, authenticated_at) VALUES (@token, @id, @user, @device, @created, @expires, @authenticated)")
            .With("@token", x.TokenHash).With("@id", x.SessionId).With("@user", x.UserId).With("@device", x.DeviceId)
            .With("@created", DbTime.Of(x.CreatedAt)).With("@expires", DbTime.Of(x.ExpiresAt))
            .With("@authenticated", x.AuthenticatedAt is { } a ? DbTime.Of(a) : null).ExecuteNonQueryAsync(ct);

    public Task<UserSession?> FindByTokenHashAsync(byte[] tokenHash, CancellationToken ct) =>
        s.Command("SELECT session_id, token_hash, user_id, device_id, created_at, expires_at, revoked_at, last_seen_at, authenticated_at FROM sessions WHERE token_hash = @token")
            .With("@token", tokenHash)
            .FirstOrDefaultAsync(r => new UserSession(r.GetString(0), r.GetFieldValue<byte[]>(1), r.GetInt64(2), r.GetInt64(3), r.Time(4), r.Time(5), r.NullableTime(6), r.NullableTime(7), r.NullableTime(8)), ct);

    public Task TouchAsync(string sessionId, DateTimeOffset at, CancellationToken ct) =>
        s.Command("UPDATE sessions SET last_seen_at = @at WHERE session_id = @id").With("@at", DbTime.Of(at)).With("@id", sessionId).ExecuteNonQueryAsync(ct);

    public Task RevokeAllAsync(long userId, DateTimeOffset at, CancellationToken ct) =>
        s.Command("UPDATE sessions SET revoked_at = @at WHERE user_id = @user AND revoked_at IS NULL").With("@at", DbTime.Of(at)).With("@user", userId).ExecuteNonQueryAsync(ct);

    public async Task<bool> MarkAuthenticatedAsync(string sessionId, DateTimeOffset at, CancellationToken ct) =>
        await s.Command("UPDATE sessions SET authenticated_at = @at WHERE session_id = @id AND revoked_at IS NULL")
            .With("@at", DbTime.Of(at)).With("@id", sessionId).ExecuteNonQueryAsync(ct) == 1;
}
