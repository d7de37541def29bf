using Verigate.Core.Audit;
using Verigate.Core.Challenges;
using Verigate.Core.DeliveryHealth;
using Verigate.Core.Destinations;
using Verigate.Core.Outbox;

namespace Verigate.Storage.Tests;

/// <summary>Delivery health's aggregates and the audit viewer's search, on every backend.</summary>
public abstract partial class StoreSpecification
{
    // ---- delivery health ----

    private async Task SeedHealthAsync(string id, Destination to, ChallengeStatus status, DateTimeOffset createdAt, ChallengeSubject? subject = null,
        ChallengePurpose purpose = ChallengePurpose.VerifyApi, params (long Outbox, DeliveryStatus Status, double Seconds, string? Provider)[] steps)
    {
        await WriteAsync(async tx =>
        {
            await tx.Challenges.InsertAsync(NewChallenge(id) with
            {
                Destination = to, Status = status, CreatedAt = createdAt, Subject = subject ?? ChallengeSubject.ForApiKey("key-1"), Purpose = purpose,
            }, None);
            foreach (var (outbox, state, seconds, provider) in steps)
            {
                await tx.Deliveries.AppendAsync(new DeliveryEvent(id, outbox, to, state, createdAt.AddSeconds(seconds), Provider: provider), None);
            }
        });
    }

    private async Task SeedHealthMixAsync()
    {
        var de1 = new Destination(Channel.Sms, "+4915112345678");
        var de2 = new Destination(Channel.Sms, "+4915112345679");
        await SeedHealthAsync("h-a", de1, ChallengeStatus.Approved, Now, steps:
            [(1, DeliveryStatus.Queued, 0, null), (1, DeliveryStatus.Sent, 1, "http"), (1, DeliveryStatus.Delivered, 3, "http")]);
        await SeedHealthAsync("h-b", de2, ChallengeStatus.Pending, Now.AddMinutes(1), steps:
            [(2, DeliveryStatus.Queued, 0, null), (2, DeliveryStatus.Failed, 1, "http")]);
        // A retried message that got through counts once, as delivered, not failed.
        await SeedHealthAsync("h-c", new Destination(Channel.Email, "Ann@GMail.com"), ChallengeStatus.Approved, Now.AddMinutes(2), steps:
            [(3, DeliveryStatus.Queued, 0, null), (3, DeliveryStatus.Queued, 1, null), (3, DeliveryStatus.Delivered, 2, "dev_inbox")]);
        await SeedHealthAsync("h-d", new Destination(Channel.Email, "bob@example.org"), ChallengeStatus.Expired, Now.AddMinutes(3), steps:
            [(4, DeliveryStatus.Queued, 0, null), (4, DeliveryStatus.Sent, 1, "smtp")]);
        // Refused by the SMS guard: started, never sent, no provider.
        await SeedHealthAsync("h-e", new Destination(Channel.Sms, "+33612345678"), ChallengeStatus.Pending, Now.AddMinutes(4), steps:
            [(0, DeliveryStatus.Refused, 0, null)]);
        // Not counted: a decoy, a second-factor step, and a code started before the window.
        await SeedHealthAsync("h-f", new Destination(Channel.Email, "x@gmail.com"), ChallengeStatus.Pending, Now, ChallengeSubject.Nobody, ChallengePurpose.PasswordReset,
            [(5, DeliveryStatus.Queued, 0, null), (5, DeliveryStatus.Delivered, 0, "dev_inbox")]);
        await SeedHealthAsync("h-g", de1, ChallengeStatus.Approved, Now, ChallengeSubject.ForAccount(5), ChallengePurpose.SecondFactorLogin);
        await SeedHealthAsync("h-h", de1, ChallengeStatus.Approved, Now.AddHours(-2), steps:
            [(6, DeliveryStatus.Queued, 0, null), (6, DeliveryStatus.Delivered, 5, "kannel")]);
    }

    [Fact]
    public async Task Delivery_health_counts_each_code_message_once_per_channel_provider_and_area()
    {
        await SeedHealthMixAsync();

        var counts = await ReadAsync(r => r.DeliveryHealth.CountDeliveriesAsync(Now.AddMinutes(-30), Now.AddHours(1), None));

        Assert.Equal(
            [
                new DeliveryCounts(new("email", "dev_inbox", "gmail.com"), 1, 1, 1, 0),
                new DeliveryCounts(new("email", "smtp", "other"), 1, 0, 0, 0),
                new DeliveryCounts(new("sms", "http", "DE"), 2, 1, 1, 1),
            ],
            counts.OrderBy(c => c.Group.Channel).ThenBy(c => c.Group.Area).ToList());
    }

    [Fact]
    public async Task Delivery_health_conversion_is_codes_checked_right_over_codes_started_by_the_provider_of_the_first_send()
    {
        await SeedHealthMixAsync();

        var conversions = await ReadAsync(r => r.DeliveryHealth.CountConversionsAsync(Now.AddMinutes(-30), Now.AddHours(1), None));

        Assert.Equal(
            [
                new ConversionCounts(new("email", "dev_inbox", "gmail.com"), 1, 1),
                new ConversionCounts(new("email", "smtp", "other"), 1, 0),
                new ConversionCounts(new("sms", "http", "DE"), 2, 1),
                new ConversionCounts(new("sms", null, "FR"), 1, 0),
            ],
            conversions.OrderBy(c => c.Group.Channel).ThenBy(c => c.Group.Area).ToList());
        var before = await ReadAsync(r => r.DeliveryHealth.CountConversionsAsync(Now.AddHours(-3), Now.AddMinutes(-30), None));
        Assert.Equal([new ConversionCounts(new("sms", "kannel", "DE"), 1, 1)], before);
    }

    [Fact]
    public async Task Delivery_health_samples_times_to_delivered_newest_first_and_bounded()
    {
        await SeedHealthMixAsync();

        var sample = await ReadAsync(r => r.DeliveryHealth.SampleLatenciesAsync(Now.AddMinutes(-30), Now.AddHours(1), 10, None));
        var one = await ReadAsync(r => r.DeliveryHealth.SampleLatenciesAsync(Now.AddMinutes(-30), Now.AddHours(1), 1, None));

        Assert.Equal(
            [
                new DeliveryLatency(new("email", "dev_inbox", "gmail.com"), TimeSpan.FromSeconds(2)),
                new DeliveryLatency(new("sms", "http", "DE"), TimeSpan.FromSeconds(3)),
            ],
            sample);
        Assert.Equal([sample[0]], one);
        Assert.Empty(await ReadAsync(r => r.DeliveryHealth.SampleLatenciesAsync(Now.AddDays(1), Now.AddDays(2), 10, None)));
    }

    [Fact]
    public async Task A_delivery_step_keeps_the_provider_that_took_it()
    {
        var to = new Destination(Channel.Sms, "+4915112345678");
        await SeedHealthAsync("h-p", to, ChallengeStatus.Pending, Now, steps: [(9, DeliveryStatus.Queued, 0, null), (9, DeliveryStatus.Sent, 1, "kannel")]);

        var timeline = await ReadAsync(r => r.Deliveries.ListAsync("h-p", None));

        Assert.Equal([null, "kannel"], timeline.Select(d => d.Provider));
    }

    // ---- the audit viewer ----

    [Fact]
    public async Task Audit_search_filters_by_account_actor_type_and_time_and_hides_staff_events_unless_asked()
    {
        await WriteAsync(async tx =>
        {
            await tx.Audit.AppendAsync(new AuditEvent(Now, AuditEventTypes.SessionCreated, 91), None);
            await tx.Audit.AppendAsync(new AuditEvent(Now.AddMinutes(1), AuditEventTypes.ChallengeIssued, 91), None);
            await tx.Audit.AppendAsync(new AuditEvent(Now.AddMinutes(2), AuditEventTypes.SessionCreated, 92), None);
            await tx.Audit.AppendAsync(new AuditEvent(Now.AddMinutes(3), AuditEventTypes.SupportPinChecked, 91, Actor: "staff:ann"), None);
            await tx.Audit.AppendAsync(new AuditEvent(Now.AddMinutes(4), AuditEventTypes.ApiKeyCreated, Actor: "staff:ann"), None);
            await tx.Audit.AppendAsync(new AuditEvent(Now.AddMinutes(5), AuditEventTypes.ApiKeyRevoked, Actor: "cli"), None);
        });

        async Task<string[]> Search(AuditQuery q, long? before = null, int max = 100) =>
            (await ReadAsync(r => r.Audit.SearchAsync(q, before, max, None))).Select(e => $"{e.Event.Type}@{e.Event.At.Minute}").ToArray();

        Assert.Equal(["session.created@2", "challenge.issued@1", "session.created@0"], await Search(new AuditQuery()));
        Assert.Equal(["api_key.revoked@5", "api_key.created@4", "support_pin.checked@3", "session.created@2", "challenge.issued@1", "session.created@0"],
            await Search(new AuditQuery(StaffEvents: true)));
        Assert.Equal(["challenge.issued@1", "session.created@0"], await Search(new AuditQuery(UserId: 91)));
        Assert.Equal(["support_pin.checked@3", "challenge.issued@1", "session.created@0"], await Search(new AuditQuery(UserId: 91, StaffEvents: true)));
        Assert.Equal(["api_key.created@4", "support_pin.checked@3"], await Search(new AuditQuery(Actor: "staff:ann", StaffEvents: true)));
        Assert.Empty(await Search(new AuditQuery(Actor: "staff:ann")));
        Assert.Equal(["session.created@2", "session.created@0"], await Search(new AuditQuery(Type: AuditEventTypes.SessionCreated)));
        Assert.Equal(["support_pin.checked@3", "session.created@2"], await Search(new AuditQuery(From: Now.AddMinutes(2), To: Now.AddMinutes(4), StaffEvents: true)));

        var all = await ReadAsync(r => r.Audit.SearchAsync(new AuditQuery(StaffEvents: true), null, 2, None));
        Assert.Equal(2, all.Count);
        Assert.Equal(["support_pin.checked@3", "session.created@2"], await Search(new AuditQuery(StaffEvents: true), all[^1].Id, 2));
    }
}
