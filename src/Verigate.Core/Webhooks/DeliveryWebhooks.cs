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
    /// <summary>
    /// Publishes the event for a final report. The challenge is <c>known</c> when the caller read it in this unit of work
    /// (the dispatcher, just before sending); null reads it here.
    /// </summary>
    public static async Task PublishAsync(IStoreSession tx, DeliveryEvent report, CancellationToken ct, Challenge? known = null)
    {
        if (report.Status is not (DeliveryStatus.Delivered or DeliveryStatus.Failed))
        {
            return;
        }

        var challenge = known ?? await tx.Challenges.GetAsync(report.ChallengeId, ct);
        if (challenge is not { Purpose: ChallengePurpose.VerifyApi, Subject.Kind: SubjectKind.ApiKey })
        {
            return;
        }

        var timeline = await tx.Deliveries.ListAsync(report.ChallengeId, ct);
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
        await WebhookPublisher.PublishAsync(tx, type, challenge.Id, challenge.Subject.Id, data, report.At, ct);
    }
}
