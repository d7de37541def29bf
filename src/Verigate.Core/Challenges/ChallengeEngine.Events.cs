using System.Text.Json.Nodes;
using Verigate.Core.Destinations;
using Verigate.Core.Storage;
using Verigate.Core.Webhooks;

namespace Verigate.Core.Challenges;

/// <summary>Webhook events of the Verify API's verifications, written in the transaction that changed them.</summary>
public sealed partial class ChallengeEngine
{
    /// <summary>
    /// Only verifications of the Verify API are published as verification events (to the API key that owns them);
    /// account flows are reported by their own account events.
    /// </summary>
    internal static Task PublishVerificationAsync(IStoreSession tx, Challenge challenge, string type, DateTimeOffset now, CancellationToken ct) =>
        challenge.Purpose != ChallengePurpose.VerifyApi || challenge.Subject.Kind != SubjectKind.ApiKey
            ? Task.CompletedTask
            : WebhookPublisher.PublishAsync(tx, type, challenge.Id, challenge.Subject.Id, VerificationData(challenge), now, ct);

    public static JsonObject VerificationData(Challenge challenge) => new()
    {
        ["id"] = challenge.Id,
        ["status"] = challenge.Status.ToWireName(),
        ["channel"] = challenge.Destination.Channel.ToWire(),
        ["to"] = challenge.Destination.Masked,
        ["purpose"] = challenge.Label,
    };
}
