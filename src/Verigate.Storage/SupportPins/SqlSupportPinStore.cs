using System.Data.Common;
using Verigate.Core.SupportPins;
using Verigate.Storage.Sql;

namespace Verigate.Storage.SupportPins;

internal sealed class SqlSupportPinStore(SqlSession s) : ISupportPinStore
{
    private const string Columns = "user_id, pin_hash, created_at, expires_at, attempts, used_at";

    // One row per account: a new PIN overwrites the old one, attempts and use included.
    public Task ReplaceAsync(SupportPin pin, CancellationToken ct) =>
        s.Command($"INSERT INTO support_pins ({Columns}) VALUES (@user, @hash, @created, @expires, 0, NULL) " +
                "ON CONFLICT (user_id) DO UPDATE SET pin_hash = excluded.pin_hash, created_at = excluded.created_at, expires_at = excluded.expires_at, attempts = 0, used_at = NULL")
            .With("@user", pin.UserId).With("@hash", pin.PinHash).With("@created", DbTime.Of(pin.CreatedAt)).With("@expires", DbTime.Of(pin.ExpiresAt))
            .ExecuteNonQueryAsync(ct);

    public Task<SupportPin?> GetAsync(long userId, CancellationToken ct) =>
        s.Command($"SELECT {Columns} FROM support_pins WHERE user_id = @user").With("@user", userId).FirstOrDefaultAsync(Map, ct);

    // The increment happens before any comparison, in one conditional statement: the limit holds under parallel checks.
    public Task<SupportPin?> TryCountAttemptAsync(long userId, DateTimeOffset now, int maxAttempts, CancellationToken ct) =>
        s.Command($"UPDATE support_pins SET attempts = attempts + 1 WHERE user_id = @user AND used_at IS NULL AND expires_at > @now AND attempts < @max RETURNING {Columns}")
            .With("@user", userId).With("@now", DbTime.Of(now)).With("@max", maxAttempts).FirstOrDefaultAsync(Map, ct);

    public async Task<bool> TryUseAsync(long userId, DateTimeOffset createdAt, DateTimeOffset at, CancellationToken ct) =>
        await s.Command("UPDATE support_pins SET used_at = @at WHERE user_id = @user AND created_at = @created AND used_at IS NULL AND expires_at > @at")
            .With("@at", DbTime.Of(at)).With("@user", userId).With("@created", DbTime.Of(createdAt)).ExecuteNonQueryAsync(ct) == 1;

    private static SupportPin Map(DbDataReader r) =>
        new(r.GetInt64(0), r.GetFieldValue<byte[]>(1), r.Time(2), r.Time(3), r.GetInt32(4), r.NullableTime(5));
}
