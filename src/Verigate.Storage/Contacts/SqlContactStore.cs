using System.Data.Common;
using Verigate.Core.Contacts;
using Verigate.Core.Destinations;
using Verigate.Storage.Accounts;
using Verigate.Storage.Sql;

namespace Verigate.Storage.Contacts;

internal sealed class SqlContactStore(SqlSession s) : IContactStore
{
    private const string ChangeColumns =
        "id, user_id, kind, contact_id, channel, value, replaced_contact_id, replaced_value, replaced_rank, changed_at, hold_until, device_name, undone_at";

    // The partial unique index on verified addresses decides between two accounts verifying one address at once.
    public Task<bool> TryInsertVerifiedAsync(Contact c, DateTimeOffset verifiedAt, CancellationToken ct) =>
        s.TryUniqueWriteAsync(async () => await s.Command(
                "INSERT INTO contacts (contact_id, user_id, channel, value, verified, created_at, verified_at, ranked_at) " +
                "SELECT @id, @user, @channel, @value, 1, @at, @verified, @rank " +
                "WHERE NOT EXISTS (SELECT 1 FROM contacts WHERE channel = @channel AND value = @value AND verified = 1)")
            .With("@id", c.ContactId).With("@user", c.UserId).With("@channel", c.Destination.Channel.ToWire()).With("@value", c.Destination.Value)
            .With("@at", DbTime.Of(c.CreatedAt)).With("@verified", DbTime.Of(verifiedAt)).With("@rank", DbTime.Of(c.RankedAt))
            .ExecuteNonQueryAsync(ct) == 1);

    public Task SetRankAsync(long contactId, DateTimeOffset rank, CancellationToken ct) =>
        s.Command("UPDATE contacts SET ranked_at = @rank WHERE contact_id = @id").With("@rank", DbTime.Of(rank)).With("@id", contactId).ExecuteNonQueryAsync(ct);

    public async Task<bool> DeleteAsync(long userId, long contactId, CancellationToken ct) =>
        await s.Command("DELETE FROM contacts WHERE contact_id = @id AND user_id = @user").With("@id", contactId).With("@user", userId).ExecuteNonQueryAsync(ct) == 1;

    public Task InsertChangeAsync(ContactChange c, CancellationToken ct) =>
        s.Command($"INSERT INTO contact_changes ({ChangeColumns}) VALUES " +
                  "(@id, @user, @kind, @contact, @channel, @value, @replacedId, @replacedValue, @replacedRank, @at, @hold, @device, NULL)")
            .With("@id", c.Id).With("@user", c.UserId).With("@kind", c.Kind).With("@contact", c.ContactId)
            .With("@channel", c.To.Channel.ToWire()).With("@value", c.To.Value)
            .With("@replacedId", c.ReplacedContactId).With("@replacedValue", c.Replaced?.Value).With("@replacedRank", DbTime.Of(c.ReplacedRank))
            .With("@at", DbTime.Of(c.ChangedAt)).With("@hold", DbTime.Of(c.HoldUntil)).With("@device", c.DeviceName)
            .ExecuteNonQueryAsync(ct);

    public Task<ContactChange?> GetChangeAsync(string id, CancellationToken ct) =>
        s.Command($"SELECT {ChangeColumns} FROM contact_changes WHERE id = @id").With("@id", id).FirstOrDefaultAsync(Map, ct);

    public async Task<bool> TryMarkUndoneAsync(string id, DateTimeOffset at, CancellationToken ct) =>
        await s.Command("UPDATE contact_changes SET undone_at = @at WHERE id = @id AND undone_at IS NULL")
            .With("@at", DbTime.Of(at)).With("@id", id).ExecuteNonQueryAsync(ct) == 1;

    public Task<IReadOnlyList<ContactChange>> HoldingAsync(long userId, DateTimeOffset now, CancellationToken ct) =>
        s.Command($"SELECT {ChangeColumns} FROM contact_changes WHERE user_id = @user AND hold_until > @now AND undone_at IS NULL ORDER BY changed_at, id")
            .With("@user", userId).With("@now", DbTime.Of(now)).ListAsync(Map, ct);

    private static ContactChange Map(DbDataReader r)
    {
        var channel = SqlAccountStore.ParseChannel(r.GetString(4));
        var replaced = r.NullableString(7);
        return new ContactChange(r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetInt64(3), new Destination(channel, r.GetString(5)),
            r.NullableInt64(6), replaced is null ? null : new Destination(channel, replaced), r.NullableTime(8), r.Time(9), r.Time(10),
            r.NullableString(11), r.NullableTime(12));
    }
}
