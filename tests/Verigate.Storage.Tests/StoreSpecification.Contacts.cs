using Verigate.Core.Contacts;
using Verigate.Core.Destinations;

namespace Verigate.Storage.Tests;

/// <summary>Contact changes: verified inserts that respect another account's verified address, ranks, removal, holds and undo.</summary>
public abstract partial class StoreSpecification
{
    private static ContactChange NewChange(string id, long userId, long contactId, DateTimeOffset holdUntil, Destination? replaced = null) =>
        new(id, userId, replaced is null ? ContactChange.KindAdded : ContactChange.KindReplaced, contactId, new Destination(Channel.Email, $"{id}@example.com"),
            replaced is null ? null : 9_001, replaced, replaced is null ? null : Now.AddDays(-3), Now, holdUntil, "Pixel 8");

    [Fact]
    public async Task A_verified_contact_is_inserted_unless_another_account_has_the_address_verified()
    {
        var address = new Destination(Channel.Email, "shared@example.com");
        Assert.True(await WriteAsync(tx => tx.Contacts.TryInsertVerifiedAsync(new Contact(8_001, 801, address, true, Now), Now, None)));
        Assert.False(await WriteAsync(tx => tx.Contacts.TryInsertVerifiedAsync(new Contact(8_002, 802, address, true, Now), Now, None)));

        // An unverified claim by another account does not block it (sign-up's rule: unverified claims cannot squat).
        var other = new Destination(Channel.Sms, "+4915140000601");
        await WriteAsync(tx => tx.Accounts.InsertContactAsync(new Contact(8_003, 803, other, false, Now), None));
        Assert.True(await WriteAsync(tx => tx.Contacts.TryInsertVerifiedAsync(new Contact(8_004, 804, other, true, Now, Now.AddDays(-1)), Now, None)));

        var mine = await ReadAsync(r => r.Accounts.ContactsOfAsync(804, None));
        var only = Assert.Single(mine);
        Assert.True(only.Verified);
        Assert.Equal(Now.AddDays(-1), only.RankedAt);
        Assert.Empty(await ReadAsync(r => r.Accounts.ContactsOfAsync(802, None)));
    }

    [Fact]
    public async Task Ranks_decide_the_primary_contact_and_deleting_is_limited_to_the_owner()
    {
        var older = new Contact(8_101, 811, new Destination(Channel.Email, "old@example.com"), true, Now.AddDays(-10));
        var newer = new Contact(8_102, 811, new Destination(Channel.Email, "new@example.com"), true, Now);
        await WriteAsync(async tx =>
        {
            await tx.Accounts.InsertContactAsync(older, None);
            await tx.Contacts.TryInsertVerifiedAsync(newer, Now, None);
        });
        Assert.Equal(older.ContactId, ContactPicker.Primary(await ReadAsync(r => r.Accounts.ContactsOfAsync(811, None)))!.ContactId);

        await WriteAsync(async tx =>
        {
            await tx.Contacts.SetRankAsync(newer.ContactId, older.CreatedAt, None);
            await tx.Contacts.SetRankAsync(older.ContactId, Now.AddMilliseconds(1), None);
        });
        var contacts = await ReadAsync(r => r.Accounts.ContactsOfAsync(811, None));
        Assert.Equal(newer.ContactId, ContactPicker.Primary(contacts)!.ContactId);
        Assert.Equal(Now.AddMilliseconds(1), contacts.Single(c => c.ContactId == older.ContactId).Rank);

        Assert.False(await WriteAsync(tx => tx.Contacts.DeleteAsync(812, older.ContactId, None)));
        Assert.True(await WriteAsync(tx => tx.Contacts.DeleteAsync(811, older.ContactId, None)));
        Assert.False(await WriteAsync(tx => tx.Contacts.DeleteAsync(811, older.ContactId, None)));
        Assert.Equal(newer.ContactId, Assert.Single(await ReadAsync(r => r.Accounts.ContactsOfAsync(811, None))).ContactId);
    }

    [Fact]
    public async Task A_change_holds_until_its_end_or_its_undo_and_is_undone_once()
    {
        var replaced = new Destination(Channel.Email, "before@example.com");
        await WriteAsync(async tx =>
        {
            await tx.Contacts.InsertChangeAsync(NewChange("cc_held", 821, 8_201, Now.AddHours(72), replaced), None);
            await tx.Contacts.InsertChangeAsync(NewChange("cc_over", 821, 8_202, Now.AddHours(1)), None);
            await tx.Contacts.InsertChangeAsync(NewChange("cc_other", 822, 8_203, Now.AddHours(72)), None);
        });

        var stored = await ReadAsync(r => r.Contacts.GetChangeAsync("cc_held", None));
        Assert.NotNull(stored);
        Assert.Equal(ContactChange.KindReplaced, stored.Kind);
        Assert.Equal(replaced, stored.Replaced);
        Assert.Equal(9_001, stored.ReplacedContactId);
        Assert.Equal(Now.AddDays(-3), stored.ReplacedRank);
        Assert.Equal("Pixel 8", stored.DeviceName);
        Assert.Null(stored.UndoneAt);
        Assert.Null(await ReadAsync(r => r.Contacts.GetChangeAsync("cc_unknown", None)));

        var holding = await ReadAsync(r => r.Contacts.HoldingAsync(821, Now.AddHours(2), None));
        Assert.Equal(["cc_held"], holding.Select(h => h.Id));

        // Of parallel undos exactly one wins; an undone change holds nothing.
        var wins = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => WriteAsync(tx => tx.Contacts.TryMarkUndoneAsync("cc_held", Now.AddHours(3), None)))));
        Assert.Single(wins, w => w);
        Assert.Empty(await ReadAsync(r => r.Contacts.HoldingAsync(821, Now.AddHours(4), None)));
        Assert.Equal(Now.AddHours(3), (await ReadAsync(r => r.Contacts.GetChangeAsync("cc_held", None)))!.UndoneAt);
    }
}
