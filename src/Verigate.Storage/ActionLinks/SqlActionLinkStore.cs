using System.Data.Common;
using Verigate.Core.ActionLinks;
using Verigate.Storage.Sql;

namespace Verigate.Storage.ActionLinks;

internal sealed class SqlActionLinkStore(SqlSession s) : IActionLinkStore
{
    private const string Columns = "id, user_id, kind, payload, token_hash, sealed_token, created_at, expires_at, used_at";

    public Task InsertAsync(ActionLink link, CancellationToken ct) =>
        s.Command($"INSERT INTO action_links ({Columns}) VALUES (@id, @user, @kind, @payload, @hash, @sealed, @created, @expires, NULL)")
            .With("@id", link.Id).With("@user", link.UserId).With("@kind", link.Kind).With("@payload", link.Payload).With("@hash", link.TokenHash)
            .With("@sealed", link.SealedToken).With("@created", DbTime.Of(link.CreatedAt)).With("@expires", DbTime.Of(link.ExpiresAt))
            .ExecuteNonQueryAsync(ct);

    public Task<ActionLink?> GetAsync(string id, CancellationToken ct) =>
        s.Command($"SELECT {Columns} FROM action_links WHERE id = @id").With("@id", id).FirstOrDefaultAsync(Map, ct);

    public Task<ActionLink?> FindByTokenHashAsync(byte[] tokenHash, CancellationToken ct) =>
        s.Command($"SELECT {Columns} FROM action_links WHERE token_hash = @hash").With("@hash", tokenHash).FirstOrDefaultAsync(Map, ct);

    // The conditional UPDATE is the whole single-use guarantee: of parallel presses, one sees used_at IS NULL.
    public async Task<bool> TryRedeemAsync(string id, DateTimeOffset at, CancellationToken ct) =>
        await s.Command("UPDATE action_links SET used_at = @at, sealed_token = NULL WHERE id = @id AND used_at IS NULL AND expires_at > @at")
            .With("@at", DbTime.Of(at)).With("@id", id).ExecuteNonQueryAsync(ct) == 1;

    // An ended link is marked used at its end (it answers link_invalid like any used one) and loses its sealed token.
    public Task<int> EndOpenAsync(long userId, string kind, DateTimeOffset at, CancellationToken ct) =>
        s.Command("UPDATE action_links SET used_at = @at, sealed_token = NULL WHERE user_id = @user AND kind = @kind AND used_at IS NULL AND expires_at > @at")
            .With("@at", DbTime.Of(at)).With("@user", userId).With("@kind", kind).ExecuteNonQueryAsync(ct);

    private static ActionLink Map(DbDataReader r) => new(
        r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetFieldValue<byte[]>(4), r.NullableString(5),
        r.Time(6), r.Time(7), r.NullableTime(8));
}
