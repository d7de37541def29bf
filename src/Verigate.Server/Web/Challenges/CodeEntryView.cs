using Verigate.Core.Challenges;
using Verigate.Core.Destinations;
using Verigate.Core.Outbox;

namespace Verigate.Server.Web.Challenges;

/// <summary>
/// What the code-entry partial shows: where the code went (masked), when it expires and may be sent again, and the
/// delivery timeline with troubleshooting for its channel and latest status. Built from the same read as
/// <c>GET /v1/challenges/{id}/deliveries</c>, so a reset decoy looks exactly like a real reset.
/// </summary>
public sealed record CodeEntryView(
    string MaskedTo,
    Channel Channel,
    DateTimeOffset ExpiresAt,
    DateTimeOffset ResendAt,
    int CodeLength,
    IReadOnlyList<DeliveryEvent> Timeline,
    bool CanSwitchChannel)
{
    /// <summary>The latest delivery state, which decides the troubleshooting shown.</summary>
    public DeliveryStatus? Latest => Timeline.Count == 0 ? null : Timeline[^1].Status;

    /// <summary>The channel the last message went out on (a resend "by email instead" changes it).</summary>
    public Channel LatestChannel => Timeline.Count == 0 ? Channel : Timeline[^1].Destination.Channel;

    public string LatestTo => Timeline.Count == 0 ? MaskedTo : Timeline[^1].Destination.Masked;

    /// <summary>The view, or null when the challenge is unknown or has ended (the page then says to start again).</summary>
    public static async Task<CodeEntryView?> LoadAsync(AccountChallenges challenges, string challengeId, TimeProvider time, CancellationToken ct)
    {
        var found = await challenges.DeliveriesAsync(challengeId, ct);
        if (!found.IsSuccess || !found.Value.Challenge.IsOpenAt(time.GetUtcNow()))
        {
            return null;
        }

        var c = found.Value.Challenge;
        return new CodeEntryView(
            c.Destination.Masked, c.Destination.Channel, c.ExpiresAt, c.NextSendAt, c.CodeLength,
            [.. found.Value.Events.OrderBy(e => e.At)],
            c.Purpose == ChallengePurpose.NewDeviceLogin);
    }
}
