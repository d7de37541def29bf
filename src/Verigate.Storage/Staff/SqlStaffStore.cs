using System.Data.Common;
using Verigate.Core.Staff;
using Verigate.Storage.Sql;

namespace Verigate.Storage.Staff;

internal sealed class SqlStaffStore(SqlSession s) : IStaffStore
{
    private const string Columns = "id, name, role, created_at, set_up_at, disabled_at";
    private const string CredentialColumns = "staff_id, password_hash, totp_secret, totp_last_step, setup_token_hash, setup_expires_at";
    private const string SessionColumns = "id, staff_id, token_hash, created_at, last_seen_at, ended_at";

    public async Task<bool> TryInsertAsync(StaffMember staff, CancellationToken ct) =>
        await s.Command($"INSERT INTO staff ({Columns}) VALUES (@id, @name, @role, @at, NULL, NULL) ON CONFLICT DO NOTHING")
            .With("@id", staff.Id).With("@name", staff.Name).With("@role", staff.Role.ToWire()).With("@at", DbTime.Of(staff.CreatedAt))
            .ExecuteNonQueryAsync(ct) == 1;

    public Task<StaffMember?> GetAsync(long id, CancellationToken ct) =>
        s.Command($"SELECT {Columns} FROM staff WHERE id = @id").With("@id", id).FirstOrDefaultAsync(Map, ct);

    public Task<StaffMember?> FindByNameAsync(string name, CancellationToken ct) =>
        s.Command($"SELECT {Columns} FROM staff WHERE name = @name").With("@name", name).FirstOrDefaultAsync(Map, ct);

    public Task<IReadOnlyList<StaffMember>> ListAsync(CancellationToken ct) =>
        s.Command($"SELECT {Columns} FROM staff ORDER BY name").ListAsync(Map, ct);

    public async Task<bool> DisableAsync(long id, DateTimeOffset at, CancellationToken ct) =>
        await s.Command("UPDATE staff SET disabled_at = @at WHERE id = @id AND disabled_at IS NULL")
            .With("@at", DbTime.Of(at)).With("@id", id).ExecuteNonQueryAsync(ct) == 1;

    // A new link starts setup over: the old link, the password and the authenticator key it set are all replaced.
    public async Task SetSetupTokenAsync(long staffId, byte[] tokenHash, DateTimeOffset expiresAt, CancellationToken ct)
    {
        await s.Command($"INSERT INTO staff_credentials ({CredentialColumns}) VALUES (@id, NULL, NULL, NULL, @hash, @expires) " +
                "ON CONFLICT (staff_id) DO UPDATE SET password_hash = NULL, totp_secret = NULL, totp_last_step = NULL, " +
                "setup_token_hash = excluded.setup_token_hash, setup_expires_at = excluded.setup_expires_at")
            .With("@id", staffId).With("@hash", tokenHash).With("@expires", DbTime.Of(expiresAt)).ExecuteNonQueryAsync(ct);
        await s.Command("UPDATE staff SET set_up_at = NULL WHERE id = @id").With("@id", staffId).ExecuteNonQueryAsync(ct);
    }

    public Task<StaffCredentials?> GetCredentialsAsync(long staffId, CancellationToken ct) =>
        s.Command($"SELECT {CredentialColumns} FROM staff_credentials WHERE staff_id = @id").With("@id", staffId).FirstOrDefaultAsync(MapCredentials, ct);

    public Task<StaffCredentials?> FindBySetupTokenAsync(byte[] tokenHash, CancellationToken ct) =>
        s.Command($"SELECT {CredentialColumns} FROM staff_credentials WHERE setup_token_hash = @hash").With("@hash", tokenHash).FirstOrDefaultAsync(MapCredentials, ct);

    public Task SetPendingTotpAsync(long staffId, string protectedSecret, CancellationToken ct) =>
        s.Command("UPDATE staff_credentials SET totp_secret = @secret WHERE staff_id = @id AND setup_token_hash IS NOT NULL")
            .With("@secret", protectedSecret).With("@id", staffId).ExecuteNonQueryAsync(ct);

    public async Task<bool> TryCompleteSetupAsync(long staffId, byte[] tokenHash, string passwordHash, long totpStep, DateTimeOffset at, CancellationToken ct)
    {
        var done = await s.Command("UPDATE staff_credentials SET password_hash = @password, totp_last_step = @step, setup_token_hash = NULL, setup_expires_at = NULL " +
                "WHERE staff_id = @id AND setup_token_hash = @hash AND setup_expires_at > @at AND totp_secret IS NOT NULL")
            .With("@password", passwordHash).With("@step", totpStep).With("@id", staffId).With("@hash", tokenHash).With("@at", DbTime.Of(at))
            .ExecuteNonQueryAsync(ct) == 1;
        if (done)
        {
            await s.Command("UPDATE staff SET set_up_at = @at WHERE id = @id").With("@at", DbTime.Of(at)).With("@id", staffId).ExecuteNonQueryAsync(ct);
        }

        return done;
    }

    public async Task<bool> TryUseTotpStepAsync(long staffId, long step, CancellationToken ct) =>
        await s.Command("UPDATE staff_credentials SET totp_last_step = @step WHERE staff_id = @id AND (totp_last_step IS NULL OR totp_last_step < @step)")
            .With("@step", step).With("@id", staffId).ExecuteNonQueryAsync(ct) == 1;

    public Task InsertSessionAsync(StaffSession session, CancellationToken ct) =>
        s.Command($"INSERT INTO staff_sessions ({SessionColumns}) VALUES (@id, @staff, @hash, @created, @seen, NULL)")
            .With("@id", session.Id).With("@staff", session.StaffId).With("@hash", session.TokenHash)
            .With("@created", DbTime.Of(session.CreatedAt)).With("@seen", DbTime.Of(session.LastSeenAt)).ExecuteNonQueryAsync(ct);

    public Task<StaffSession?> FindSessionAsync(byte[] tokenHash, CancellationToken ct) =>
        s.Command($"SELECT {SessionColumns} FROM staff_sessions WHERE token_hash = @hash").With("@hash", tokenHash).FirstOrDefaultAsync(MapSession, ct);

    public Task TouchSessionAsync(string id, DateTimeOffset at, CancellationToken ct) =>
        s.Command("UPDATE staff_sessions SET last_seen_at = @at WHERE id = @id AND ended_at IS NULL AND last_seen_at < @at")
            .With("@at", DbTime.Of(at)).With("@id", id).ExecuteNonQueryAsync(ct);

    public async Task<bool> EndSessionAsync(string id, DateTimeOffset at, CancellationToken ct) =>
        await s.Command("UPDATE staff_sessions SET ended_at = @at WHERE id = @id AND ended_at IS NULL")
            .With("@at", DbTime.Of(at)).With("@id", id).ExecuteNonQueryAsync(ct) == 1;

    public Task<int> EndSessionsAsync(long staffId, DateTimeOffset at, CancellationToken ct) =>
        s.Command("UPDATE staff_sessions SET ended_at = @at WHERE staff_id = @staff AND ended_at IS NULL")
            .With("@at", DbTime.Of(at)).With("@staff", staffId).ExecuteNonQueryAsync(ct);

    private static StaffMember Map(DbDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), StaffRoles.Parse(r.GetString(2)) ?? StaffRole.Agent, r.Time(3), r.NullableTime(4), r.NullableTime(5));

    private static StaffCredentials MapCredentials(DbDataReader r) =>
        new(r.GetInt64(0), r.NullableString(1), r.NullableString(2), r.NullableInt64(3), r.NullableBytes(4), r.NullableTime(5));

    private static StaffSession MapSession(DbDataReader r) =>
        new(r.GetString(0), r.GetInt64(1), r.GetFieldValue<byte[]>(2), r.Time(3), r.Time(4), r.NullableTime(5));
}
