using Verigate.Core.Audit;
using Verigate.Core.Destinations;
using Verigate.Core.Outbox;
using Verigate.Core.SupportPins;

namespace Verigate.Storage.Tests;

/// <summary>The store parts of security alerts, activity and support PINs, on every backend.</summary>
public abstract partial class StoreSpecification
{
    // ---- notice values ----

    [Fact]
    public async Task A_notice_keeps_its_named_values_through_the_outbox_and_a_message_without_values_has_none()
    {
        var values = new Dictionary<string, string> { ["device"] = "Pixel 8", ["at"] = "2026-03-01T12:00:00.0000000Z" };
        await WriteAsync(tx => tx.Outbox.EnqueueAsync(
            new OutboxMessage(0, OutboxKind.Notice, null, new Destination(Channel.Email, "ann@example.com"), "notice.new_device_sign_in", "en", Now, LinkId: "al_1", Values: values), None));
        await WriteAsync(tx => tx.Outbox.EnqueueAsync(NewMessage("ch-plain"), None));

        var claimed = await WriteAsync(tx => tx.Outbox.ClaimAsync("owner-v", Now, Now.AddSeconds(30), 10, None));
        var notice = Assert.Single(claimed, m => m.Kind == OutboxKind.Notice);
        Assert.Equal(values, notice.Values);
        Assert.Equal("al_1", notice.LinkId);
        Assert.Null(Assert.Single(claimed, m => m.Kind == OutboxKind.Code).Values);
    }

    // ---- activity pages of the audit log ----

    [Fact]
    public async Task Audit_pages_are_the_accounts_own_events_of_the_given_types_newest_first_before_a_cursor()
    {
        await WriteAsync(async tx =>
        {
            for (var i = 0; i < 5; i++)
            {
                await tx.Audit.AppendAsync(new AuditEvent(Now.AddMinutes(i), AuditEventTypes.SessionCreated, 71, Detail: $"device={i}"), None);
                await tx.Audit.AppendAsync(new AuditEvent(Now.AddMinutes(i), AuditEventTypes.ChallengeIssued, 71), None);
                await tx.Audit.AppendAsync(new AuditEvent(Now.AddMinutes(i), AuditEventTypes.SessionCreated, 72, Detail: "device=99"), None);
            }
        });
        string[] types = [AuditEventTypes.SessionCreated, AuditEventTypes.PasswordReset];

        var first = await ReadAsync(r => r.Audit.PageForUserAsync(71, types, null, 2, None));
        Assert.Equal(["device=4", "device=3"], first.Select(e => e.Event.Detail));
        Assert.True(first[0].Id > first[1].Id);
        var second = await ReadAsync(r => r.Audit.PageForUserAsync(71, types, first[^1].Id, 10, None));
        Assert.Equal(["device=2", "device=1", "device=0"], second.Select(e => e.Event.Detail));
        Assert.All(second, e => Assert.Equal((long?)71, e.Event.UserId));
        Assert.Empty(await ReadAsync(r => r.Audit.PageForUserAsync(71, types, second[^1].Id, 10, None)));
        Assert.Empty(await ReadAsync(r => r.Audit.PageForUserAsync(71, [], null, 10, None)));
        Assert.Empty(await ReadAsync(r => r.Audit.PageForUserAsync(73, types, null, 10, None)));
    }

    // ---- support PINs ----

    private static SupportPin NewPin(long userId, byte hash, DateTimeOffset? createdAt = null) =>
        new(userId, [.. Enumerable.Repeat(hash, 32)], createdAt ?? Now, (createdAt ?? Now).AddMinutes(10));

    [Fact]
    public async Task A_support_pin_round_trips_and_a_new_one_replaces_the_old_with_fresh_attempts()
    {
        await WriteAsync(tx => tx.SupportPins.ReplaceAsync(NewPin(81, 1), None));
        Assert.NotNull(await WriteAsync(tx => tx.SupportPins.TryCountAttemptAsync(81, Now.AddMinutes(1), 5, None)));

        await WriteAsync(tx => tx.SupportPins.ReplaceAsync(NewPin(81, 2, Now.AddMinutes(2)), None));
        var stored = await ReadAsync(r => r.SupportPins.GetAsync(81, None));
        Assert.NotNull(stored);
        Assert.Equal(Enumerable.Repeat((byte)2, 32), stored.PinHash);
        Assert.Equal((Now.AddMinutes(2), Now.AddMinutes(12), 0, (DateTimeOffset?)null), (stored.CreatedAt, stored.ExpiresAt, stored.Attempts, stored.UsedAt));
        Assert.Null(await ReadAsync(r => r.SupportPins.GetAsync(82, None)));

        // The older PIN's creation time no longer names the stored one.
        Assert.False(await WriteAsync(tx => tx.SupportPins.TryUseAsync(81, Now, Now.AddMinutes(3), None)));
        Assert.True(await WriteAsync(tx => tx.SupportPins.TryUseAsync(81, Now.AddMinutes(2), Now.AddMinutes(3), None)));
        Assert.False(await WriteAsync(tx => tx.SupportPins.TryUseAsync(81, Now.AddMinutes(2), Now.AddMinutes(3), None)));
        Assert.Null(await WriteAsync(tx => tx.SupportPins.TryCountAttemptAsync(81, Now.AddMinutes(4), 5, None))); // used
    }

    [Fact]
    public async Task Parallel_checks_of_a_support_pin_get_no_more_attempts_than_the_limit_and_an_expired_pin_gets_none()
    {
        await WriteAsync(tx => tx.SupportPins.ReplaceAsync(NewPin(91, 3), None));
        var counted = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() =>
            WriteAsync(tx => tx.SupportPins.TryCountAttemptAsync(91, Now.AddMinutes(1), 5, None)))));
        Assert.Equal(5, counted.Count(p => p is not null));
        Assert.Equal(5, (await ReadAsync(r => r.SupportPins.GetAsync(91, None)))!.Attempts);

        await WriteAsync(tx => tx.SupportPins.ReplaceAsync(NewPin(92, 4), None));
        Assert.Null(await WriteAsync(tx => tx.SupportPins.TryCountAttemptAsync(92, Now.AddMinutes(10), 5, None)));
        Assert.False(await WriteAsync(tx => tx.SupportPins.TryUseAsync(92, Now, Now.AddMinutes(10), None)));
    }
}
