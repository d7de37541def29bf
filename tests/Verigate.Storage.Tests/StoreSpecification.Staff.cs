using Verigate.Core.Staff;

namespace Verigate.Storage.Tests;

/// <summary>The support console's staff members, credentials and sessions, on every backend.</summary>
public abstract partial class StoreSpecification
{
    private static StaffMember NewStaff(long id, string name, StaffRole role = StaffRole.Agent) => new(id, name, role, Now);

    [Fact]
    public async Task Staff_members_round_trip_names_are_unique_and_a_disabled_one_stays_disabled()
    {
        Assert.True(await WriteAsync(tx => tx.Staff.TryInsertAsync(NewStaff(501, "ana", StaffRole.Admin), None)));
        Assert.True(await WriteAsync(tx => tx.Staff.TryInsertAsync(NewStaff(502, "bo"), None)));
        Assert.False(await WriteAsync(tx => tx.Staff.TryInsertAsync(NewStaff(503, "ana"), None)));

        Assert.Equal(NewStaff(501, "ana", StaffRole.Admin), await ReadAsync(r => r.Staff.GetAsync(501, None)));
        Assert.Equal(NewStaff(502, "bo"), await ReadAsync(r => r.Staff.FindByNameAsync("bo", None)));
        Assert.Null(await ReadAsync(r => r.Staff.FindByNameAsync("carla", None)));
        var names = (await ReadAsync(r => r.Staff.ListAsync(None))).Select(s => s.Name).ToList();
        Assert.True(names.IndexOf("ana") >= 0 && names.IndexOf("ana") < names.IndexOf("bo"), string.Join(",", names)); // by name

        Assert.True(await WriteAsync(tx => tx.Staff.DisableAsync(502, Now.AddHours(1), None)));
        Assert.False(await WriteAsync(tx => tx.Staff.DisableAsync(502, Now.AddHours(2), None)));
        Assert.False(await WriteAsync(tx => tx.Staff.DisableAsync(599, Now, None)));
        Assert.Equal(Now.AddHours(1), (await ReadAsync(r => r.Staff.GetAsync(502, None)))!.DisabledAt);
    }

    [Fact]
    public async Task A_setup_link_completes_once_before_it_expires_and_a_new_link_starts_setup_over()
    {
        byte[] link = [.. Enumerable.Repeat((byte)7, 32)];
        await WriteAsync(tx => tx.Staff.TryInsertAsync(NewStaff(511, "dana"), None));
        await WriteAsync(tx => tx.Staff.SetSetupTokenAsync(511, link, Now.AddHours(24), None));
        Assert.False(await WriteAsync(tx => tx.Staff.TryCompleteSetupAsync(511, link, "hash", 10, Now, None))); // no authenticator key yet
        await WriteAsync(tx => tx.Staff.SetPendingTotpAsync(511, "sealed-secret", None));

        var pending = await ReadAsync(r => r.Staff.FindBySetupTokenAsync(link, None));
        Assert.Equal(new StaffCredentials(511, null, "sealed-secret", null, link, Now.AddHours(24)), pending! with { SetupTokenHash = link });
        Assert.Equal(link, pending.SetupTokenHash);

        Assert.False(await WriteAsync(tx => tx.Staff.TryCompleteSetupAsync(511, [.. Enumerable.Repeat((byte)8, 32)], "hash", 10, Now, None)));
        Assert.False(await WriteAsync(tx => tx.Staff.TryCompleteSetupAsync(511, link, "hash", 10, Now.AddHours(24), None))); // expired
        Assert.True(await WriteAsync(tx => tx.Staff.TryCompleteSetupAsync(511, link, "hash", 10, Now.AddHours(1), None)));
        Assert.False(await WriteAsync(tx => tx.Staff.TryCompleteSetupAsync(511, link, "hash2", 11, Now.AddHours(1), None))); // used
        Assert.Null(await ReadAsync(r => r.Staff.FindBySetupTokenAsync(link, None)));
        Assert.Equal(new StaffCredentials(511, "hash", "sealed-secret", 10, null, null), await ReadAsync(r => r.Staff.GetCredentialsAsync(511, None)));
        Assert.Equal(Now.AddHours(1), (await ReadAsync(r => r.Staff.GetAsync(511, None)))!.SetUpAt);

        byte[] renewed = [.. Enumerable.Repeat((byte)9, 32)];
        await WriteAsync(tx => tx.Staff.SetSetupTokenAsync(511, renewed, Now.AddHours(30), None));
        Assert.Equal(new StaffCredentials(511, null, null, null, null, Now.AddHours(30)), (await ReadAsync(r => r.Staff.GetCredentialsAsync(511, None)))! with { SetupTokenHash = null });
        Assert.Null((await ReadAsync(r => r.Staff.GetAsync(511, None)))!.SetUpAt);
    }

    [Fact]
    public async Task A_staff_authenticator_step_is_taken_once_even_by_parallel_requests()
    {
        await WriteAsync(tx => tx.Staff.TryInsertAsync(NewStaff(521, "eli"), None));
        await WriteAsync(tx => tx.Staff.SetSetupTokenAsync(521, [1, 2, 3], Now.AddHours(1), None));
        var taken = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => WriteAsync(tx => tx.Staff.TryUseTotpStepAsync(521, 100, None)))));
        Assert.Equal(1, taken.Count(t => t));
        Assert.False(await WriteAsync(tx => tx.Staff.TryUseTotpStepAsync(521, 99, None)));
        Assert.True(await WriteAsync(tx => tx.Staff.TryUseTotpStepAsync(521, 101, None)));
    }

    [Fact]
    public async Task Staff_sessions_are_found_by_token_hash_touched_and_ended_one_or_all()
    {
        await WriteAsync(tx => tx.Staff.TryInsertAsync(NewStaff(531, "fay"), None));
        var one = new StaffSession("ss_1", 531, [.. Enumerable.Repeat((byte)1, 32)], Now, Now);
        var two = new StaffSession("ss_2", 531, [.. Enumerable.Repeat((byte)2, 32)], Now, Now);
        await WriteAsync(tx => tx.Staff.InsertSessionAsync(one, None));
        await WriteAsync(tx => tx.Staff.InsertSessionAsync(two, None));

        var found = await ReadAsync(r => r.Staff.FindSessionAsync(one.TokenHash, None));
        Assert.Equal(one.TokenHash, found!.TokenHash);
        Assert.Equal(one, found with { TokenHash = one.TokenHash });
        Assert.Null(await ReadAsync(r => r.Staff.FindSessionAsync([.. Enumerable.Repeat((byte)3, 32)], None)));
        await WriteAsync(tx => tx.Staff.TouchSessionAsync("ss_1", Now.AddMinutes(5), None));
        await WriteAsync(tx => tx.Staff.TouchSessionAsync("ss_1", Now.AddMinutes(1), None)); // never backwards
        Assert.Equal(Now.AddMinutes(5), (await ReadAsync(r => r.Staff.FindSessionAsync(one.TokenHash, None)))!.LastSeenAt);

        Assert.True(await WriteAsync(tx => tx.Staff.EndSessionAsync("ss_1", Now.AddMinutes(6), None)));
        Assert.False(await WriteAsync(tx => tx.Staff.EndSessionAsync("ss_1", Now.AddMinutes(7), None)));
        Assert.Equal(Now.AddMinutes(6), (await ReadAsync(r => r.Staff.FindSessionAsync(one.TokenHash, None)))!.EndedAt);
        Assert.Equal(1, await WriteAsync(tx => tx.Staff.EndSessionsAsync(531, Now.AddMinutes(8), None)));
        Assert.Equal(0, await WriteAsync(tx => tx.Staff.EndSessionsAsync(531, Now.AddMinutes(9), None)));
    }

    [Fact]
    public async Task Maintenance_removes_old_console_sessions_and_lapsed_caller_verifications_and_keeps_current_ones()
    {
        await WriteAsync(tx => tx.Staff.InsertSessionAsync(new StaffSession("ss_old", 541, [.. Enumerable.Repeat((byte)41, 32)], Now.AddDays(-40), Now.AddDays(-40)), None));
        await WriteAsync(tx => tx.Staff.InsertSessionAsync(new StaffSession("ss_new", 541, [.. Enumerable.Repeat((byte)42, 32)], Now, Now), None));
        await WriteAsync(tx => tx.Support.SetCallerVerifiedAsync(541, 7001, Now.AddMinutes(-1), None));
        await WriteAsync(tx => tx.Support.SetCallerVerifiedAsync(541, 7002, Now.AddMinutes(10), None));

        await WriteAsync(tx => tx.Maintenance.RunBatchAsync(Now, TimeSpan.FromDays(30), 100, None));

        Assert.Null(await ReadAsync(r => r.Staff.FindSessionAsync([.. Enumerable.Repeat((byte)41, 32)], None)));
        Assert.NotNull(await ReadAsync(r => r.Staff.FindSessionAsync([.. Enumerable.Repeat((byte)42, 32)], None)));
        Assert.Null(await ReadAsync(r => r.Support.CallerVerifiedUntilAsync(541, 7001, None)));
        Assert.Equal(Now.AddMinutes(10), await ReadAsync(r => r.Support.CallerVerifiedUntilAsync(541, 7002, None)));
    }

    [Fact]
    public async Task Sign_in_locks_and_caller_verifications_round_trip_and_contacts_and_devices_find_their_account()
    {
        Assert.False(await ReadAsync(r => r.Support.IsSignInLockedAsync(7101, None)));
        Assert.True(await WriteAsync(tx => tx.Support.TryLockSignInAsync(7101, Now, "staff:ana", None)));
        Assert.False(await WriteAsync(tx => tx.Support.TryLockSignInAsync(7101, Now, "staff:ana", None)));
        Assert.True(await ReadAsync(r => r.Support.IsSignInLockedAsync(7101, None)));
        Assert.True(await WriteAsync(tx => tx.Support.UnlockSignInAsync(7101, None)));
        Assert.False(await WriteAsync(tx => tx.Support.UnlockSignInAsync(7101, None)));

        await WriteAsync(tx => tx.Support.SetCallerVerifiedAsync(551, 7102, Now.AddMinutes(5), None));
        await WriteAsync(tx => tx.Support.SetCallerVerifiedAsync(551, 7102, Now.AddMinutes(15), None));
        Assert.Equal(Now.AddMinutes(15), await ReadAsync(r => r.Support.CallerVerifiedUntilAsync(551, 7102, None)));
        Assert.Null(await ReadAsync(r => r.Support.CallerVerifiedUntilAsync(552, 7102, None)));

        var phone = new Verigate.Core.Destinations.Destination(Verigate.Core.Destinations.Channel.Sms, "+4915112347103");
        await WriteAsync(tx => tx.Accounts.InsertContactAsync(new Verigate.Core.Contacts.Contact(7903, 7103, phone, false, Now), None));
        Assert.Equal(7103L, await ReadAsync(r => r.Support.FindUserByContactAsync(phone, None)));
        Assert.Null(await ReadAsync(r => r.Support.FindUserByContactAsync(phone with { Value = "+4915112347199" }, None)));
        await WriteAsync(tx => tx.Devices.InsertAsync(new Verigate.Core.Devices.Device(7904, 7103, "Pixel", null, false, Now, Now), None));
        Assert.Equal(7103L, await ReadAsync(r => r.Support.FindUserByDeviceAsync(7904, None)));
        Assert.Null(await ReadAsync(r => r.Support.FindUserByDeviceAsync(7905, None)));
    }
}
