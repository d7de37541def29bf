using Verigate.Core.Audit;
using Verigate.Core.Challenges;
using Verigate.Core.Contacts;
using Verigate.Core.Destinations;
using Verigate.Core.Outbox;

namespace Verigate.Storage.Tests;

/// <summary>
/// Writes nobody reads the outcome of may be held by a session and sent later together (PostgreSQL); on every store
/// they must still be seen by the transaction's later statements, keep their order, and vanish with a rollback.
/// </summary>
public abstract partial class StoreSpecification
{
    [Fact]
    public async Task Earlier_writes_of_a_transaction_are_seen_by_its_later_reads_in_the_order_they_were_made()
    {
        var to = new Destination(Channel.Sms, "+4915112340001");
        var seenInside = await WriteAsync(async tx =>
        {
            await tx.Audit.AppendAsync(new AuditEvent(Now, "first", null, "ch-dw", null, null, null), None);
            await tx.Deliveries.AppendAsync(new DeliveryEvent("ch-dw", 7, to, DeliveryStatus.Queued, Now), None);
            await tx.Audit.AppendAsync(new AuditEvent(Now, "second", null, "ch-dw", null, null, null), None);
            await tx.Deliveries.AppendAsync(new DeliveryEvent("ch-dw", 7, to, DeliveryStatus.Sent, Now), None);
            var audit = await tx.Audit.ListForChallengeAsync("ch-dw", None);
            await tx.Audit.AppendAsync(new AuditEvent(Now, "third", null, "ch-dw", null, null, null), None);
            return audit;
        });

        Assert.Equal(["first", "second"], seenInside.Select(e => e.Type));
        Assert.Equal(["first", "second", "third"], (await ReadAsync(r => r.Audit.ListForChallengeAsync("ch-dw", None))).Select(e => e.Type));
        Assert.Equal([DeliveryStatus.Queued, DeliveryStatus.Sent], (await ReadAsync(r => r.Deliveries.ListAsync("ch-dw", None))).Select(d => d.Status));
    }

    [Fact]
    public async Task A_transaction_that_does_not_commit_writes_nothing_it_held_back()
    {
        await using (var tx = await Store.BeginWriteAsync(None))
        {
            await tx.Audit.AppendAsync(new AuditEvent(Now, "rolled_back", null, "ch-rb", null, null, null), None);
            await tx.Outbox.EnqueueTrackedAsync(
                new OutboxMessage(0, OutboxKind.Code, "ch-rb", new Destination(Channel.Email, "rb@example.com"), "code", "en", Now),
                new DeliveryEvent("ch-rb", 0, new Destination(Channel.Email, "rb@example.com"), DeliveryStatus.Queued, Now), None);
        }

        Assert.Empty(await ReadAsync(r => r.Audit.ListForChallengeAsync("ch-rb", None)));
        Assert.Empty(await ReadAsync(r => r.Deliveries.ListAsync("ch-rb", None)));
        Assert.Equal(0, await ReadAsync(r => r.Outbox.CountPendingAsync(None)));
    }

    [Fact]
    public async Task A_tracked_message_opens_its_timeline_with_its_own_outbox_id()
    {
        var to = new Destination(Channel.Email, "tracked@example.com");
        await WriteAsync(async tx =>
        {
            await tx.Outbox.EnqueueTrackedAsync(new OutboxMessage(0, OutboxKind.Code, "ch-tr", to, "code", "en", Now),
                new DeliveryEvent("ch-tr", 0, to, DeliveryStatus.Queued, Now, "first"), None);
            await tx.Outbox.EnqueueTrackedAsync(new OutboxMessage(0, OutboxKind.Code, "ch-tr", to, "code", "en", Now),
                new DeliveryEvent("ch-tr", 0, to, DeliveryStatus.Queued, Now, "second"), None);
        });

        var claimed = await WriteAsync(tx => tx.Outbox.ClaimAsync("owner", Now, Now.AddMinutes(1), 10, None));
        var timeline = await ReadAsync(r => r.Deliveries.ListAsync("ch-tr", None));
        Assert.Equal(["first", "second"], timeline.Select(d => d.Detail));
        Assert.Equal(claimed.Select(m => m.Id).Order(), timeline.Select(d => d.OutboxId));
        Assert.Equal(2, timeline.Select(d => d.OutboxId).Distinct().Count());
        Assert.True(Signal.Count > 0);
    }

    [Fact]
    public async Task A_unique_conflict_after_held_back_writes_keeps_them()
    {
        var address = new Destination(Channel.Email, "taken-dw@example.com");
        Assert.True(await WriteAsync(tx => tx.Contacts.TryInsertVerifiedAsync(new Contact(8_101, 811, address, true, Now), Now, None)));
        var inserted = await WriteAsync(async tx =>
        {
            await tx.Audit.AppendAsync(new AuditEvent(Now, "before_conflict", null, "ch-uc", null, null, null), None);
            var won = await tx.Contacts.TryInsertVerifiedAsync(new Contact(8_102, 812, address, true, Now), Now, None);
            await tx.Audit.AppendAsync(new AuditEvent(Now, "after_conflict", null, "ch-uc", null, null, null), None);
            return won;
        });

        Assert.False(inserted);
        Assert.Equal(["before_conflict", "after_conflict"], (await ReadAsync(r => r.Audit.ListForChallengeAsync("ch-uc", None))).Select(e => e.Type));
    }

    [Fact]
    public async Task A_challenge_ended_after_its_attempt_is_used_is_ended_with_its_code_erased_and_cannot_be_used_again()
    {
        await WriteAsync(tx => tx.Challenges.InsertAsync(NewChallenge("ch-end-after"), None));
        var used = await WriteAsync(async tx =>
        {
            var attempts = await UseAttemptAsync(tx, "ch-end-after", Now);
            await tx.Challenges.EndAfterAttemptAsync("ch-end-after", ChallengeStatus.Approved, Now.AddSeconds(1), None);
            return attempts;
        });

        Assert.Equal(1, used);
        var ended = await ReadAsync(r => r.Challenges.GetAsync("ch-end-after", None));
        Assert.Equal(ChallengeStatus.Approved, ended!.Status);
        Assert.Null(ended.ProtectedCode);
        Assert.Null(await WriteAsync(tx => UseAttemptAsync(tx, "ch-end-after", Now.AddSeconds(2))));
    }

    [Fact]
    public async Task Timelines_of_several_challenges_are_read_at_once_each_in_order()
    {
        var to = new Destination(Channel.Sms, "+4915112340002");
        await WriteAsync(async tx =>
        {
            await tx.Deliveries.AppendAsync(new DeliveryEvent("ch-many-a", 1, to, DeliveryStatus.Queued, Now), None);
            await tx.Deliveries.AppendAsync(new DeliveryEvent("ch-many-b", 2, to, DeliveryStatus.Queued, Now), None);
            await tx.Deliveries.AppendAsync(new DeliveryEvent("ch-many-c", 3, to, DeliveryStatus.Queued, Now), None);
            await tx.Deliveries.AppendAsync(new DeliveryEvent("ch-many-a", 1, to, DeliveryStatus.Delivered, Now.AddSeconds(1)), None);
        });

        var listed = await ReadAsync(r => r.Deliveries.ListManyAsync(["ch-many-a", "ch-many-b"], None));
        Assert.Equal([("ch-many-a", DeliveryStatus.Queued), ("ch-many-b", DeliveryStatus.Queued), ("ch-many-a", DeliveryStatus.Delivered)],
            listed.Select(d => (d.ChallengeId, d.Status)));
        Assert.Empty(await ReadAsync(r => r.Deliveries.ListManyAsync([], None)));
    }
}
