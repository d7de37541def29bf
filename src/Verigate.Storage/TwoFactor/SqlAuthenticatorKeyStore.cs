using Verigate.Core.TwoFactor;
using Verigate.Storage.Sql;

namespace Verigate.Storage.TwoFactor;

internal sealed class SqlAuthenticatorKeyStore(SqlSession s) : IAuthenticatorKeyStore
{
    public Task<AuthenticatorKey?> GetAsync(long userId, CancellationToken ct) =>
        s.Command("SELECT user_id, protected_secret, created_at, confirmed_at, last_used_step FROM authenticator_keys WHERE user_id = @user")
            .With("@user", userId)
            .FirstOrDefaultAsync(r => new AuthenticatorKey(r.GetInt64(0), r.GetString(1), r.Time(2), r.NullableTime(3), r.NullableInt64(4)), ct);

    // An active key is never overwritten here: replacing it must go through turning it off, which needs a factor.
    public async Task<bool> TrySetPendingAsync(long userId, string protectedSecret, DateTimeOffset at, CancellationToken ct) =>
        await s.Command("""
            INSERT INTO authenticator_keys (user_id, protected_secret, created_at, confirmed_at, last_used_step)
            VALUES (@user, @secret, @at, NULL, NULL)
            ON CONFLICT (user_id) DO UPDATE SET protected_secret = excluded.protected_secret, created_at = excluded.created_at, last_used_step = NULL
            WHERE authenticator_keys.confirmed_at IS NULL
            """)
            .With("@user", userId).With("@secret", protectedSecret).With("@at", DbTime.Of(at)).ExecuteNonQueryAsync(ct) == 1;

    public async Task<bool> TryUseStepAsync(long userId, long step, DateTimeOffset at, CancellationToken ct) =>
        await s.Command("""
            UPDATE authenticator_keys SET last_used_step = @step, confirmed_at = COALESCE(confirmed_at, @at)
            WHERE user_id = @user AND (last_used_step IS NULL OR last_used_step < @step)
            """)
            .With("@step", step).With("@at", DbTime.Of(at)).With("@user", userId).ExecuteNonQueryAsync(ct) == 1;

    public async Task<bool> DeleteAsync(long userId, CancellationToken ct) =>
        await s.Command("DELETE FROM authenticator_keys WHERE user_id = @user").With("@user", userId).ExecuteNonQueryAsync(ct) == 1;
}
