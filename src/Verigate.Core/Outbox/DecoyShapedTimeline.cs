using Verigate.Core.Challenges;

namespace Verigate.Core.Outbox;

/// <summary>
/// A password-reset timeline as anyone holding the challenge id may see it. Such a challenge may be a decoy (the
/// login is unknown), which never gets delivery reports, retries or a fallback; a real one does. So each message
/// shows only "queued" and then, once dispatched, one "sent" step without provider words: the same shape either way,
/// and the endpoint stays no oracle for which logins exist.
/// </summary>
public static class DecoyShapedTimeline
{
    public static IReadOnlyList<DeliveryEvent> For(Challenge challenge, IReadOnlyList<DeliveryEvent> events)
    {
        if (!ChallengePolicies.For(challenge.Purpose).MayBeDecoy)
        {
            return events;
        }

        var shaped = new List<DeliveryEvent>();
        foreach (var message in events.GroupBy(e => e.OutboxId))
        {
            var queued = message.First();
            shaped.Add(queued with { Status = DeliveryStatus.Queued, Detail = null, ProviderMessageId = null, ProviderReason = null });
            if (message.FirstOrDefault(e => e.Status != DeliveryStatus.Queued) is { } outcome)
            {
                var status = outcome.Status == DeliveryStatus.Dropped ? DeliveryStatus.Dropped : DeliveryStatus.Sent;
                shaped.Add(outcome with { Status = status, Detail = null, ProviderMessageId = null, ProviderReason = null });
            }
        }

        return shaped;
    }
}
