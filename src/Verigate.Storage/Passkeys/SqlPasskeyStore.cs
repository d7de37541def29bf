using System.Data.Common;
using Verigate.Core.Passkeys;
using Verigate.Storage.Sql;

namespace Verigate.Storage.Passkeys;

internal sealed class SqlPasskeyStore(SqlSession s) : IPasskeyStore
{
    private const string Columns = "credential_id, user_id, public_key, sign_count, backup_eligible, backed_up, aaguid, name, created_at, last_used_at";

    public async Task<bool> TryAddAsync(Passkey p, CancellationToken ct)
    {
        // Credential ids come from authenticators: random, but a re-registration of the same one must not steal it.
        if (await FindAsync(p.CredentialId, ct) is not null)
        {
            return false;
        }

        await s.Command($"INSERT INTO passkeys ({Columns}) VALUES (@id, @user, @key, @count, @eligible, @backed, @aaguid, @name, @at, NULL)")
            .With("@id", p.CredentialId).With("@user", p.UserId).With("@key", p.PublicKey).With("@count", p.SignCount)
            .With("@eligible", p.BackupEligible ? 1 : 0).With("@backed", p.BackedUp ? 1 : 0).With("@aaguid", p.AaGuid.ToString())
            .With("@name", p.Name).With("@at", DbTime.Of(p.CreatedAt)).ExecuteNonQueryAsync(ct);
        return true;
    }

    public Task<Passkey?> FindAsync(byte[] credentialId, CancellationToken ct) =>
        s.Command($"SELECT {Columns} FROM passkeys WHERE credential_id = @id").With("@id", credentialId).FirstOrDefaultAsync(Read, ct);

    public Task<IReadOnlyList<Passkey>> ListAsync(long userId, CancellationToken ct) =>
        s.Command($"SELECT {Columns} FROM passkeys WHERE user_id = @user ORDER BY created_at").With("@user", userId).ListAsync(Read, ct);

    public async Task<int> CountAsync(long userId, CancellationToken ct) =>
        (int)(await s.Command("SELECT COUNT(*) FROM passkeys WHERE user_id = @user").With("@user", userId).Int64OrNullAsync(ct) ?? 0);

    // The conditional UPDATE is the guarantee: of parallel uses reporting the same counter, one wins.
    public async Task<bool> TryRecordUseAsync(byte[] credentialId, long signCount, bool backedUp, DateTimeOffset at, CancellationToken ct) =>
        await s.Command("UPDATE passkeys SET sign_count = @count, backed_up = @backed, last_used_at = @at " +
                        "WHERE credential_id = @id AND (sign_count < @count OR (@count = 0 AND sign_count = 0))")
            .With("@count", signCount).With("@backed", backedUp ? 1 : 0).With("@at", DbTime.Of(at)).With("@id", credentialId)
            .ExecuteNonQueryAsync(ct) == 1;

    public async Task<bool> RenameAsync(long userId, byte[] credentialId, string name, CancellationToken ct) =>
        await s.Command("UPDATE passkeys SET name = @name WHERE user_id = @user AND credential_id = @id")
            .With("@name", name).With("@user", userId).With("@id", credentialId).ExecuteNonQueryAsync(ct) == 1;

    public async Task<bool> DeleteAsync(long userId, byte[] credentialId, CancellationToken ct) =>
        await s.Command("DELETE FROM passkeys WHERE user_id = @user AND credential_id = @id")
            .With("@user", userId).With("@id", credentialId).ExecuteNonQueryAsync(ct) == 1;

    private static Passkey Read(DbDataReader r) => new(
        r.GetFieldValue<byte[]>(0), r.GetInt64(1), r.GetFieldValue<byte[]>(2), r.GetInt64(3), r.GetInt64(4) == 1, r.GetInt64(5) == 1,
        Guid.Parse(r.GetString(6)), r.GetString(7), r.Time(8), r.NullableTime(9));
}
