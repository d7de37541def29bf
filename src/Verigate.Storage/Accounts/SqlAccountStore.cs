using System.Data.Common;
using Verigate.Core.Accounts;
using Verigate.Core.Contacts;
using Verigate.Core.Destinations;
using Verigate.Core.Identifiers;
using Verigate.Storage.Sql;

namespace Verigate.Storage.Accounts;

internal sealed class SqlAccountStore(SqlSession s) : IAccountStore
{
    // accounts.check_failures / check_locked_until are unused since 0003 (failure_counters holds them per factor and flow).
    private const string Columns = "user_id, username, password_hash, created_at, locale";

    public async Task<bool> TryInsertAsync(Account a, CancellationToken ct) =>
        await s.Command($"INSERT INTO accounts ({Columns}, username_key) VALUES (@id, @name, @hash, @at, @locale, @key) ON CONFLICT DO NOTHING")
            .With("@id", a.UserId).With("@name", a.Username).With("@hash", a.PasswordHash).With("@at", DbTime.Of(a.CreatedAt))
            .With("@locale", a.Locale).With("@key", UsernameRules.Normalize(a.Username))
            .ExecuteNonQueryAsync(ct) == 1;

    public Task<Account?> GetAsync(long userId, CancellationToken ct) =>
        s.Command($"SELECT {Columns} FROM accounts WHERE user_id = @id").With("@id", userId).FirstOrDefaultAsync(Map, ct);

    public Task<Account?> FindByUsernameAsync(string username, CancellationToken ct) =>
        s.Command($"SELECT {Columns} FROM accounts WHERE username_key = @key").With("@key", UsernameRules.Normalize(username)).FirstOrDefaultAsync(Map, ct);

    public Task<Account?> FindByVerifiedContactAsync(Destination destination, CancellationToken ct) =>
        s.Command($"SELECT {Columns} FROM accounts WHERE user_id = (SELECT user_id FROM contacts WHERE channel = @channel AND value = @value AND verified = 1)")
            .With("@channel", destination.Channel.ToWire()).With("@value", destination.Value).FirstOrDefaultAsync(Map, ct);

    public Task UpdatePasswordAsync(long userId, string passwordHash, CancellationToken ct) =>
        s.Command("UPDATE accounts SET password_hash = @hash WHERE user_id = @id").With("@hash", passwordHash).With("@id", userId).ExecuteNonQueryAsync(ct);

    public Task<bool> TryRenameAsync(long userId, string username, CancellationToken ct) =>
        s.TryUniqueWriteAsync(async () => await s.Command(
                "UPDATE accounts SET username = @name, username_key = @key WHERE user_id = @id " +
                "AND NOT EXISTS (SELECT 1 FROM accounts WHERE username_key = @key AND user_id <> @id)")
            .With("@name", username).With("@key", UsernameRules.Normalize(username)).With("@id", userId)
            .ExecuteNonQueryAsync(ct) == 1);

    public Task InsertContactAsync(Contact c, CancellationToken ct) =>
        s.Command("INSERT INTO contacts (contact_id, user_id, channel, value, verified, created_at) VALUES (@id, @user, @channel, @value, @verified, @at)")
            .With("@id", c.ContactId).With("@user", c.UserId).With("@channel", c.Destination.Channel.ToWire()).With("@value", c.Destination.Value)
            .With("@verified", c.Verified ? 1 : 0).With("@at", DbTime.Of(c.CreatedAt)).ExecuteNonQueryAsync(ct);

    public Task<IReadOnlyList<Destination>> RecentPrimaryContactsAsync(int count, CancellationToken ct) =>
        s.Command("SELECT c.channel, c.value FROM contacts c WHERE c.verified = 1 AND NOT EXISTS (" +
                  "SELECT 1 FROM contacts o WHERE o.user_id = c.user_id AND o.verified = 1 " +
                  "AND (o.created_at < c.created_at OR (o.created_at = c.created_at AND o.contact_id < c.contact_id))) " +
                  "ORDER BY c.user_id DESC LIMIT @n")
            .With("@n", count)
            .ListAsync(r => new Destination(ParseChannel(r.GetString(0)), r.GetString(1)), ct);

    public Task<IReadOnlyList<Contact>> ContactsOfAsync(long userId, CancellationToken ct) =>
        s.Command("SELECT contact_id, user_id, channel, value, verified, created_at, ranked_at FROM contacts WHERE user_id = @user ORDER BY contact_id")
            .With("@user", userId)
            .ListAsync(r => new Contact(r.GetInt64(0), r.GetInt64(1), new Destination(ParseChannel(r.GetString(2)), r.GetString(3)), r.GetInt32(4) == 1, r.Time(5),
                r.NullableTime(6)), ct);

    public Task<bool> TryMarkContactVerifiedAsync(long userId, Destination destination, DateTimeOffset at, CancellationToken ct) =>
        s.TryUniqueWriteAsync(async () => await s.Command(
                    "UPDATE contacts SET verified = 1, verified_at = @at WHERE user_id = @user AND channel = @channel AND value = @value " +
                    "AND NOT EXISTS (SELECT 1 FROM contacts WHERE channel = @channel AND value = @value AND verified = 1 AND user_id <> @user)")
                .With("@at", DbTime.Of(at)).With("@user", userId).With("@channel", destination.Channel.ToWire()).With("@value", destination.Value)
                .ExecuteNonQueryAsync(ct) > 0);

    internal static Channel ParseChannel(string wire) =>
        ChannelNames.TryParse(wire, out var channel) ? channel : throw new FormatException($"Unknown channel '{wire}' in the store.");

    private static Account Map(DbDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.Time(3), r.GetString(4));
}
