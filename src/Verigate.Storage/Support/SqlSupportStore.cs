using System.Globalization;
using Verigate.Core.Destinations;
using Verigate.Core.Support;
using Verigate.Storage.Sql;

namespace Verigate.Storage.Support;

internal sealed class SqlSupportStore(SqlSession s) : ISupportStore
{
    public async Task<IReadOnlyList<string>> RecentChallengeIdsAsync(long userId, int max, CancellationToken ct) =>
        await s.Command("SELECT id FROM challenges WHERE subject_kind = 'account' AND subject_id = @user ORDER BY created_at DESC, id DESC LIMIT @max")
            .With("@user", userId.ToString(CultureInfo.InvariantCulture)).With("@max", max).ListAsync(r => r.GetString(0), ct);

    public async Task<long?> FindUserByContactAsync(Destination destination, CancellationToken ct) =>
        await s.Command("SELECT user_id FROM contacts WHERE channel = @channel AND value = @value ORDER BY verified DESC, created_at LIMIT 1")
            .With("@channel", destination.Channel.ToWire()).With("@value", destination.Value).Int64OrNullAsync(ct);

    public async Task<long?> FindUserByDeviceAsync(long deviceId, CancellationToken ct) =>
        await s.Command("SELECT user_id FROM devices WHERE device_id = @id").With("@id", deviceId).Int64OrNullAsync(ct);

    public Task SetCallerVerifiedAsync(long staffId, long userId, DateTimeOffset until, CancellationToken ct) =>
        s.Command("INSERT INTO caller_verifications (staff_id, user_id, verified_until) VALUES (@staff, @user, @until) " +
                "ON CONFLICT (staff_id, user_id) DO UPDATE SET verified_until = excluded.verified_until")
            .With("@staff", staffId).With("@user", userId).With("@until", DbTime.Of(until)).ExecuteNonQueryAsync(ct);

    public async Task<DateTimeOffset?> CallerVerifiedUntilAsync(long staffId, long userId, CancellationToken ct) =>
        await s.Command("SELECT verified_until FROM caller_verifications WHERE staff_id = @staff AND user_id = @user")
            .With("@staff", staffId).With("@user", userId).Int64OrNullAsync(ct) is { } ms ? DbTime.From(ms) : null;

    public async Task<bool> TryLockSignInAsync(long userId, DateTimeOffset at, string actor, CancellationToken ct) =>
        await s.Command("INSERT INTO sign_in_locks (user_id, locked_at, actor) VALUES (@user, @at, @actor) ON CONFLICT DO NOTHING")
            .With("@user", userId).With("@at", DbTime.Of(at)).With("@actor", actor).ExecuteNonQueryAsync(ct) == 1;

    public async Task<bool> UnlockSignInAsync(long userId, CancellationToken ct) =>
        await s.Command("DELETE FROM sign_in_locks WHERE user_id = @user").With("@user", userId).ExecuteNonQueryAsync(ct) == 1;

    public async Task<bool> IsSignInLockedAsync(long userId, CancellationToken ct) =>
        await s.Command("SELECT user_id FROM sign_in_locks WHERE user_id = @user").With("@user", userId).Int64OrNullAsync(ct) is not null;
}
