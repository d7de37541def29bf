using System.Globalization;
using System.Text.Json.Nodes;
using Verigate.Core.Challenges;
using Verigate.Core.Destinations;
using Verigate.Core.Outbox;
using Verigate.Core.Storage;

namespace Verigate.Core.Webhooks;

/// <summary>
/// delivery.delivered / delivery.failed for Verify API verifications, with every send attempt so far (as Twilio's
/// Verify Events carry <c>send_code_attempts</c>), written in the transaction that records the outcome.
/// </summary>
public static class DeliveryWebhooks
{
    /// <summary>Publishes the event of a report if it is a final one of a Verify API verification, reading the challenge and its timeline.</summary>
    public static async Task PublishAsync(IStoreSession tx, DeliveryEvent report, CancellationToken ct)
    {
        if (!IsFinal(report))
        {
            return;
        }

        var challenge = await tx.Challenges.GetAsync(report.ChallengeId, ct);
        if (Applies(report, challenge))
        {
            await PublishAsync(tx, report, challenge!, await tx.Deliveries.ListAsync(report.ChallengeId, ct), ct);
        }
    }

    /// <summary>Whether <paramref name="report"/> of <paramref name="challenge"/> has an event: a final report of a Verify API verification.</summary>
    public static bool Applies(DeliveryEvent report, Challenge? challenge) =>
        IsFinal(report) && challenge is { Purpose: ChallengePurpose.VerifyApi, Subject.Kind: SubjectKind.ApiKey };

    /// <summary>
    /// Publishes the event of a report that <see cref="Applies"/>, given the challenge and its whole timeline (the report
    /// included) as the caller knows them: the dispatcher reads a batch's in one read.
    /// </summary>
    public static Task PublishAsync(IStoreSession tx, DeliveryEvent report, Challenge challenge, IReadOnlyList<DeliveryEvent> timeline, CancellationToken ct)
    {
        var attempts = new JsonArray();
        foreach (var send in timeline.GroupBy(d => d.OutboxId).OrderBy(g => g.Key))
        {
            var first = send.First();
            var last = send.Last();
            attempts.Add(new JsonObject
            {
                ["attemptId"] = send.Key.ToString(CultureInfo.InvariantCulture),
                ["channel"] = first.Destination.Channel.ToWire(),
                ["to"] = first.Destination.Masked,
                ["time"] = first.At.UtcDateTime,
                ["status"] = last.Status.ToString().ToLowerInvariant(),
            });
        }

        var data = ChallengeEngine.VerificationData(challenge);
        data["attemptId"] = report.OutboxId.ToString(CultureInfo.InvariantCulture);
        data["detail"] = report.Detail;
        data["sendCodeAttempts"] = attempts;
        var type = report.Status == DeliveryStatus.Delivered ? WebhookEventTypes.DeliveryDelivered : WebhookEventTypes.DeliveryFailed;
        return WebhookPublisher.PublishAsync(tx, type, challenge.Id, challenge.Subject.Id, data, report.At, ct);
    }

    private static bool IsFinal(DeliveryEvent report) => report.Status is DeliveryStatus.Delivered or DeliveryStatus.Failed;
}
