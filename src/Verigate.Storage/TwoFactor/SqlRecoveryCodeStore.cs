using Verigate.Core.TwoFactor;
using Verigate.Storage.Sql;

namespace Verigate.Storage.TwoFactor;

internal sealed class SqlRecoveryCodeStore(SqlSession s) : IRecoveryCodeStore
{
    public async Task ReplaceAsync(long userId, IReadOnlyList<byte[]> codeHashes, DateTimeOffset at, CancellationToken ct)
    {
        await DeleteAllAsync(userId, ct);
        foreach (var hash in codeHashes)
        {
            await s.Command("INSERT INTO recovery_codes (user_id, code_hash, created_at, used_at) VALUES (@user, @hash, @at, NULL)")
                .With("@user", userId).With("@hash", hash).With("@at", DbTime.Of(at)).ExecuteNonQueryAsync(ct);
        }
    }

    // The conditional UPDATE is the whole guarantee: of any number of parallel uses, one sees used_at IS NULL.
    public async Task<bool> TryUseAsync(long userId, byte[] codeHash, DateTimeOffset at, CancellationToken ct) =>
        await s.Command("UPDATE recovery_codes SET used_at = @at WHERE user_id = @user AND code_hash = @hash AND used_at IS NULL")
            .With("@at", DbTime.Of(at)).With("@user", userId).With("@hash", codeHash).ExecuteNonQueryAsync(ct) == 1;

    public async Task<int> CountRemainingAsync(long userId, CancellationToken ct) =>
        (int)(await s.Command("SELECT COUNT(*) FROM recovery_codes WHERE user_id = @user AND used_at IS NULL").With("@user", userId).Int64OrNullAsync(ct) ?? 0);

    public Task DeleteAllAsync(long userId, CancellationToken ct) =>
        s.Command("DELETE FROM recovery_codes WHERE user_id = @user").With("@user", userId).ExecuteNonQueryAsync(ct);
}
