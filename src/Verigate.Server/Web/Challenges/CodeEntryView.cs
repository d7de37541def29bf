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
    /// <summary>
    /// The newest message's delivery state, which decides the troubleshooting shown: the network's final report
    /// (delivered or failed) once there is one. A fast report can be recorded before the dispatcher's own "sent" for
    /// the same message (and an older message's late step after a newer one's), so the last step alone could hide a
    /// failure behind "sent".
    /// </summary>
    public DeliveryStatus? Latest =>
        NewestMessage is not { } steps ? null
            : (steps.LastOrDefault(e => e.Status is DeliveryStatus.Delivered or DeliveryStatus.Failed) ?? steps[^1]).Status;

    /// <summary>The channel the newest message went out on (a resend "by email instead" changes it).</summary>
    public Channel LatestChannel => NewestMessage?[^1].Destination.Channel ?? Channel;

    public string LatestTo => NewestMessage?[^1].Destination.Masked ?? MaskedTo;

    /// <summary>The steps of the newest message (the highest outbox id), in timeline order; null before any.</summary>
    private List<DeliveryEvent>? NewestMessage
    {
        get
        {
            if (Timeline.Count == 0)
            {
                return null;
            }

            var newest = Timeline.Max(e => e.OutboxId);
            return [.. Timeline.Where(e => e.OutboxId == newest)];
        }
    }

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
