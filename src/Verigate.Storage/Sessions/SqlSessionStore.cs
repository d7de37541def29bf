using System.Data.Common;
using Verigate.Core.Sessions;
using Verigate.Storage.Sql;

namespace Verigate.Storage.Sessions;

internal sealed class SqlSessionStore(SqlSession s) : ISessionStore
{
    private const string Columns = "session_id, token_hash, user_id, device_id, created_at, expires_at, revoked_at, last_seen_at, authenticated_at";

    public Task InsertAsync(UserSession x, CancellationToken ct) =>
        s.Command("INSERT INTO sessions (token_hash, session_id, user_id, device_id, created_at, expires_at, authenticated_at) VALUES (@token, @id, @user, @device, @created, @expires, @authenticated)")
            .With("@token", x.TokenHash).With("@id", x.SessionId).With("@user", x.UserId).With("@device", x.DeviceId)
            .With("@created", DbTime.Of(x.CreatedAt)).With("@expires", DbTime.Of(x.ExpiresAt))
            .With("@authenticated", x.AuthenticatedAt is { } a ? DbTime.Of(a) : null).ExecuteNonQueryAsync(ct);

    public Task<UserSession?> FindByTokenHashAsync(byte[] tokenHash, CancellationToken ct) =>
        s.Command($"SELECT {Columns} FROM sessions WHERE token_hash = @token").With("@token", tokenHash).FirstOrDefaultAsync(Map, ct);

    public Task TouchAsync(string sessionId, DateTimeOffset at, CancellationToken ct) =>
        s.Command("UPDATE sessions SET last_seen_at = @at WHERE session_id = @id").With("@at", DbTime.Of(at)).With("@id", sessionId).ExecuteNonQueryAsync(ct);

    public Task RevokeAllAsync(long userId, DateTimeOffset at, CancellationToken ct) =>
        s.Command("UPDATE sessions SET revoked_at = @at WHERE user_id = @user AND revoked_at IS NULL").With("@at", DbTime.Of(at)).With("@user", userId).ExecuteNonQueryAsync(ct);

    // "In use" as AccountDirectory.AuthenticateAsync judges it: not revoked, not expired, not idle.
    private const string InUse = "revoked_at IS NULL AND expires_at > @now AND COALESCE(last_seen_at, created_at) > @idle";

    public Task<IReadOnlyList<UserSession>> ListActiveAsync(long userId, DateTimeOffset now, DateTimeOffset idleSince, CancellationToken ct) =>
        s.Command($"SELECT {Columns} FROM sessions WHERE user_id = @user AND {InUse} ORDER BY created_at, session_id")
            .With("@user", userId).With("@now", DbTime.Of(now)).With("@idle", DbTime.Of(idleSince)).ListAsync(Map, ct);

    public Task<long?> RevokeAsync(long userId, string sessionId, DateTimeOffset now, DateTimeOffset idleSince, CancellationToken ct) =>
        s.Command($"UPDATE sessions SET revoked_at = @now WHERE session_id = @id AND user_id = @user AND {InUse} RETURNING device_id")
            .With("@id", sessionId).With("@user", userId).With("@now", DbTime.Of(now)).With("@idle", DbTime.Of(idleSince)).Int64OrNullAsync(ct);

    public Task<IReadOnlyList<string>> RevokeOthersAsync(long userId, string keepSessionId, DateTimeOffset now, DateTimeOffset idleSince, CancellationToken ct) =>
        s.Command($"UPDATE sessions SET revoked_at = @now WHERE user_id = @user AND session_id <> @keep AND {InUse} RETURNING session_id")
            .With("@user", userId).With("@keep", keepSessionId).With("@now", DbTime.Of(now)).With("@idle", DbTime.Of(idleSince))
            .ListAsync(r => r.GetString(0), ct);

    public async Task<bool> MarkAuthenticatedAsync(string sessionId, DateTimeOffset at, CancellationToken ct) =>
        await s.Command("UPDATE sessions SET authenticated_at = @at WHERE session_id = @id AND revoked_at IS NULL")
            .With("@at", DbTime.Of(at)).With("@id", sessionId).ExecuteNonQueryAsync(ct) == 1;

    private static UserSession Map(DbDataReader r) =>
        new(r.GetString(0), r.GetFieldValue<byte[]>(1), r.GetInt64(2), r.GetInt64(3), r.Time(4), r.Time(5), r.NullableTime(6), r.NullableTime(7), r.NullableTime(8));
}
