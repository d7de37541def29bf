using System.Data.Common;
using Verigate.Core.AccountRecovery;
using Verigate.Storage.Sql;

namespace Verigate.Storage.AccountRecovery;

internal sealed class SqlAccountRecoveryStore(SqlSession s) : IAccountRecoveryStore
{
    private const string Columns = "id, user_id, status, requested_at, completes_at, ended_at, client_ip";

    // The partial unique index (one pending request per account) decides between parallel requests.
    public async Task<bool> TryInsertAsync(AccountRecoveryRequest r, CancellationToken ct) =>
        await s.Command($"INSERT INTO account_recoveries ({Columns}) VALUES (@id, @user, @status, @requested, @completes, NULL, @ip) ON CONFLICT DO NOTHING")
            .With("@id", r.Id).With("@user", r.UserId).With("@status", r.Status).With("@requested", DbTime.Of(r.RequestedAt))
            .With("@completes", DbTime.Of(r.CompletesAt)).With("@ip", r.ClientIp).ExecuteNonQueryAsync(ct) == 1;

    public Task<AccountRecoveryRequest?> GetAsync(string id, CancellationToken ct) =>
        s.Command($"SELECT {Columns} FROM account_recoveries WHERE id = @id").With("@id", id).FirstOrDefaultAsync(Map, ct);

    public Task<AccountRecoveryRequest?> FindPendingAsync(long userId, CancellationToken ct) =>
        s.Command($"SELECT {Columns} FROM account_recoveries WHERE user_id = @user AND status = 'pending'").With("@user", userId).FirstOrDefaultAsync(Map, ct);

    public async Task<bool> TryEndAsync(string id, string status, DateTimeOffset at, CancellationToken ct) =>
        await s.Command("UPDATE account_recoveries SET status = @status, ended_at = @at WHERE id = @id AND status = 'pending'")
            .With("@status", status).With("@at", DbTime.Of(at)).With("@id", id).ExecuteNonQueryAsync(ct) == 1;

    private static AccountRecoveryRequest Map(DbDataReader r) =>
        new(r.GetString(0), r.GetInt64(1), r.GetString(2), r.Time(3), r.Time(4), r.NullableTime(5), r.NullableString(6));
}
