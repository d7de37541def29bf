using System.Diagnostics;
using System.Diagnostics.Metrics;
using Verigate.Core.Challenges;
using Verigate.Core.Destinations;

namespace Verigate.Core.Telemetry;

/// <summary>
/// Verigate's own metrics and traces (meter and activity source "Verigate"). Tags carry only small, fixed sets of
/// values — channel, purpose, outcome — never a code, a destination, an account or a challenge id: telemetry
/// leaves the machine, and a per-destination tag would also grow without bound.
/// Nothing is collected unless an OpenTelemetry exporter is configured (see docs/configuration.md, Telemetry).
/// </summary>
public static class VerigateTelemetry
{
    public const string Name = "Verigate";

    public const string ChannelTag = "verigate.channel";
    public const string PurposeTag = "verigate.purpose";
    public const string OutcomeTag = "verigate.outcome";
    public const string KindTag = "verigate.message_kind";

    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> CodesStarted =
        Meter.CreateCounter<long>("verigate.codes.started", "{code}", "Codes issued and queued for their first send.");
    private static readonly Counter<long> CodesResent =
        Meter.CreateCounter<long>("verigate.codes.resent", "{send}", "Codes sent again (asked for, or a repeated start).");
    private static readonly Counter<long> CodesApproved =
        Meter.CreateCounter<long>("verigate.codes.approved", "{code}", "Challenges answered with the right code or factor.");
    private static readonly Counter<long> CodesFailed =
        Meter.CreateCounter<long>("verigate.codes.failed", "{check}", "Wrong answers (outcome incorrect) and the ones that used the last attempt (exhausted).");
    private static readonly Counter<long> Deliveries =
        Meter.CreateCounter<long>("verigate.deliveries", "{message}", "Messages handed to a channel, by outcome (sent, failed, dropped, retry …).");

    public static void Started(Challenge challenge) => Count(CodesStarted, challenge, null);

    public static void Resent(Challenge challenge) => Count(CodesResent, challenge, null);

    public static void Approved(Challenge challenge) => Count(CodesApproved, challenge, null);

    public static void Failed(Challenge challenge, bool exhausted) => Count(CodesFailed, challenge, exhausted ? "exhausted" : "incorrect");

    public static void Delivered(Channel channel, string kind, string outcome) =>
        Deliveries.Add(1, new TagList { { ChannelTag, channel.ToWire() }, { KindTag, kind }, { OutcomeTag, outcome } });

    /// <summary>Starts the span of a code check (null when nobody listens: then it costs nothing).</summary>
    public static Activity? StartCheck() => Source.StartActivity("verigate.check");

    /// <summary>Starts the span of one message's send (null when nobody listens).</summary>
    public static Activity? StartSend(Channel channel, string kind)
    {
        var activity = Source.StartActivity("verigate.send");
        activity?.SetTag(ChannelTag, channel.ToWire());
        activity?.SetTag(KindTag, kind);
        return activity;
    }

    /// <summary>Tags a check's span with what it was about and how it ended.</summary>
    public static void Describe(Activity? activity, Challenge? challenge, string outcome)
    {
        if (activity is null)
        {
            return;
        }

        if (challenge is not null)
        {
            activity.SetTag(ChannelTag, challenge.Destination.Channel.ToWire());
            activity.SetTag(PurposeTag, challenge.Purpose.ToName());
        }

        activity.SetTag(OutcomeTag, outcome);
    }

    private static void Count(Counter<long> counter, Challenge challenge, string? outcome)
    {
        // Decoys send nothing and answer for logins nobody has: counting them would only blur the real figures.
        if (ChallengeEngine.IsDecoy(challenge) || !counter.Enabled)
        {
            return;
        }

        var tags = new TagList { { ChannelTag, challenge.Destination.Channel.ToWire() }, { PurposeTag, challenge.Purpose.ToName() } };
        if (outcome is not null)
        {
            tags.Add(OutcomeTag, outcome);
        }

        counter.Add(1, tags);
    }
}
