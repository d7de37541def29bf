using Verigate.Core.Devices;
using Verigate.Core.Sessions;

namespace Verigate.Storage.Tests;

/// <summary>The security center's sessions and devices: what is "in use", and ending or forgetting one account's, never another's.</summary>
public abstract partial class StoreSpecification
{
    private static readonly DateTimeOffset IdleSince = Now.AddDays(-7);

    private static UserSession SessionOf(long userId, string id, byte token, DateTimeOffset? created = null, DateTimeOffset? expires = null) =>
        new(id, [token], userId, userId * 10, created ?? Now.AddHours(-1), expires ?? Now.AddDays(30));

    [Fact]
    public async Task Only_sessions_in_use_are_listed_oldest_first_and_only_the_accounts_own()
    {
        await WriteAsync(async tx =>
        {
            await tx.Sessions.InsertAsync(SessionOf(71, "ses_new", 1, created: Now.AddMinutes(-5)), None);
            await tx.Sessions.InsertAsync(SessionOf(71, "ses_old", 2, created: Now.AddDays(-2)), None);
            await tx.Sessions.InsertAsync(SessionOf(71, "ses_expired", 3, created: Now.AddDays(-31), expires: Now.AddMinutes(-1)), None);
            await tx.Sessions.InsertAsync(SessionOf(71, "ses_idle", 4, created: Now.AddDays(-8)), None);
            await tx.Sessions.InsertAsync(SessionOf(71, "ses_idle_used", 5, created: Now.AddDays(-8)), None);
            await tx.Sessions.InsertAsync(SessionOf(71, "ses_revoked", 6), None);
            await tx.Sessions.InsertAsync(SessionOf(72, "ses_stranger", 7), None);
            await tx.Sessions.TouchAsync("ses_idle_used", Now.AddDays(-1), None);
            await tx.Sessions.RevokeAsync(71, "ses_revoked", Now, IdleSince, None);
        });

        var listed = await ReadAsync(r => r.Sessions.ListActiveAsync(71, Now, IdleSince, None));
        Assert.Equal(["ses_idle_used", "ses_old", "ses_new"], listed.Select(s => s.SessionId));
        Assert.Equal(Now.AddDays(-1), listed[0].LastSeenAt);
        Assert.Equal(710, listed[0].DeviceId);
        Assert.Equal(["ses_stranger"], (await ReadAsync(r => r.Sessions.ListActiveAsync(72, Now, IdleSince, None))).Select(s => s.SessionId));
    }

    [Fact]
    public async Task Ending_one_session_needs_its_account_and_an_id_in_use_and_happens_once()
    {
        await WriteAsync(async tx =>
        {
            await tx.Sessions.InsertAsync(SessionOf(73, "ses_a", 11), None);
            await tx.Sessions.InsertAsync(SessionOf(73, "ses_expired", 12, created: Now.AddDays(-31), expires: Now.AddMinutes(-1)), None);
        });

        Assert.Null(await WriteAsync(tx => tx.Sessions.RevokeAsync(74, "ses_a", Now, IdleSince, None))); // another account's: nothing
        Assert.Null((await ReadAsync(r => r.Sessions.FindByTokenHashAsync([11], None)))!.RevokedAt);
        Assert.Null(await WriteAsync(tx => tx.Sessions.RevokeAsync(73, "ses_expired", Now, IdleSince, None)));
        Assert.Null(await WriteAsync(tx => tx.Sessions.RevokeAsync(73, "ses_unknown", Now, IdleSince, None)));

        Assert.Equal((long?)730, await WriteAsync(tx => tx.Sessions.RevokeAsync(73, "ses_a", Now, IdleSince, None)));
        Assert.Equal(Now, (await ReadAsync(r => r.Sessions.FindByTokenHashAsync([11], None)))!.RevokedAt);
        Assert.Null(await WriteAsync(tx => tx.Sessions.RevokeAsync(73, "ses_a", Now.AddMinutes(1), IdleSince, None)));
        Assert.Equal(Now, (await ReadAsync(r => r.Sessions.FindByTokenHashAsync([11], None)))!.RevokedAt); // the first end stands
    }

    [Fact]
    public async Task Ending_the_other_sessions_keeps_the_callers_and_other_accounts_and_reports_what_it_ended()
    {
        await WriteAsync(async tx =>
        {
            await tx.Sessions.InsertAsync(SessionOf(75, "ses_mine", 21), None);
            await tx.Sessions.InsertAsync(SessionOf(75, "ses_phone", 22), None);
            await tx.Sessions.InsertAsync(SessionOf(75, "ses_laptop", 23), None);
            await tx.Sessions.InsertAsync(SessionOf(75, "ses_expired", 24, created: Now.AddDays(-31), expires: Now.AddMinutes(-1)), None);
            await tx.Sessions.InsertAsync(SessionOf(76, "ses_stranger", 25), None);
        });

        var ended = await WriteAsync(tx => tx.Sessions.RevokeOthersAsync(75, "ses_mine", Now, IdleSince, None));
        Assert.Equal(["ses_laptop", "ses_phone"], ended.Order(StringComparer.Ordinal));
        Assert.Empty(await WriteAsync(tx => tx.Sessions.RevokeOthersAsync(75, "ses_mine", Now, IdleSince, None)));
        Assert.Equal(["ses_mine"], (await ReadAsync(r => r.Sessions.ListActiveAsync(75, Now, IdleSince, None))).Select(s => s.SessionId));
        Assert.Null((await ReadAsync(r => r.Sessions.FindByTokenHashAsync([24], None)))!.RevokedAt); // an ended session is left as it was
        Assert.Single(await ReadAsync(r => r.Sessions.ListActiveAsync(76, Now, IdleSince, None)));
    }

    [Fact]
    public async Task Forgetting_a_device_drops_its_token_only_for_its_own_account()
    {
        await WriteAsync(async tx =>
        {
            await tx.Devices.InsertAsync(new Device(771, 77, "Phone", [7, 7, 1], true, Now, Now), None);
            await tx.Devices.InsertAsync(new Device(772, 77, "Laptop", [7, 7, 2], true, Now, Now), None);
            await tx.Devices.InsertAsync(new Device(781, 78, "Stranger", [7, 8, 1], true, Now, Now), None);
        });

        Assert.Equal("Phone", (await ReadAsync(r => r.Devices.GetAsync(77, 771, None)))!.Name);
        Assert.Null(await ReadAsync(r => r.Devices.GetAsync(78, 771, None)));
        Assert.False(await WriteAsync(tx => tx.Devices.ForgetAsync(78, 771, None))); // another account's: nothing
        Assert.NotNull(await ReadAsync(r => r.Devices.FindTrustedByTokenHashAsync([7, 7, 1], None)));

        Assert.True(await WriteAsync(tx => tx.Devices.ForgetAsync(77, 771, None)));
        Assert.False(await WriteAsync(tx => tx.Devices.ForgetAsync(77, 771, None))); // nothing left to forget
        Assert.Null(await ReadAsync(r => r.Devices.FindTrustedByTokenHashAsync([7, 7, 1], None)));
        var phone = (await ReadAsync(r => r.Devices.GetAsync(77, 771, None)))!;
        Assert.Equal((false, (byte[]?)null), (phone.Trusted, phone.TokenHash));
        Assert.NotNull(await ReadAsync(r => r.Devices.FindTrustedByTokenHashAsync([7, 7, 2], None)));
        Assert.NotNull(await ReadAsync(r => r.Devices.FindTrustedByTokenHashAsync([7, 8, 1], None)));
    }
}
