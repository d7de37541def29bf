using Verigate.Core.Destinations;
using Verigate.Core.Outbox;
using Verigate.Server.Web.Challenges;

namespace Verigate.Server.Tests.Challenges;

/// <summary>The code page's troubleshooting follows the newest message's final report, whatever order its steps were recorded in.</summary>
public sealed class CodeEntryViewTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly Destination Phone = new(Channel.Sms, "+4915112345678");
    private static readonly Destination Email = new(Channel.Email, "person@example.com");

    private static DeliveryEvent Step(long outboxId, DeliveryStatus status, int second, Destination? to = null) =>
        new("ch_1", outboxId, to ?? Phone, status, At.AddSeconds(second));

    private static CodeEntryView View(params DeliveryEvent[] timeline) =>
        new("+49 ••• 78", Channel.Sms, At.AddMinutes(10), At.AddSeconds(30), 6, timeline, CanSwitchChannel: true);

    [Fact]
    public void A_failure_reported_before_the_dispatchers_own_sent_step_is_still_the_latest_state()
    {
        Assert.Equal(DeliveryStatus.Failed, View(Step(1, DeliveryStatus.Queued, 0), Step(1, DeliveryStatus.Failed, 1), Step(1, DeliveryStatus.Sent, 1)).Latest);
        Assert.Equal(DeliveryStatus.Sent, View(Step(1, DeliveryStatus.Queued, 0), Step(1, DeliveryStatus.Sent, 1)).Latest);
        Assert.Null(View().Latest);
    }

    [Fact]
    public void A_newer_message_decides_and_an_older_messages_late_report_does_not()
    {
        var failedSms = new[] { Step(1, DeliveryStatus.Queued, 0), Step(1, DeliveryStatus.Failed, 1) };
        Assert.Equal(DeliveryStatus.Queued, View([.. failedSms, Step(2, DeliveryStatus.Queued, 40, Email)]).Latest);
        Assert.Equal(DeliveryStatus.Delivered, View([.. failedSms, Step(2, DeliveryStatus.Queued, 40, Email), Step(2, DeliveryStatus.Delivered, 41, Email)]).Latest);
        Assert.Equal(DeliveryStatus.Delivered, View([.. failedSms, Step(2, DeliveryStatus.Queued, 40, Email), Step(2, DeliveryStatus.Delivered, 41, Email), Step(1, DeliveryStatus.Sent, 42)]).Latest);
        Assert.Equal(Channel.Email, View([.. failedSms, Step(2, DeliveryStatus.Queued, 40, Email), Step(1, DeliveryStatus.Sent, 42)]).LatestChannel);
    }
}
