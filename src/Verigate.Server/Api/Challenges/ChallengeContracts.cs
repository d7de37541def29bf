using Verigate.Core.Destinations;
using Verigate.Core.Outbox;
using Verigate.Server.Api.Json;

namespace Verigate.Server.Api.Challenges;

public sealed record VerifyChallengeRequest(string? Code, string? Totp, string? RecoveryCode, bool? TrustDevice);

public sealed record ResendChallengeRequest(string? Channel);

public sealed record ChallengeResentResponse(string ChallengeId, string Channel, string To, DateTime ResendAvailableAt);

public sealed record ChallengeDeliveryResponse(string Channel, string To, string Status, DateTime At, string? Detail, string Hint)
{
    public static ChallengeDeliveryResponse From(DeliveryEvent e) => new(
        e.Destination.Channel.ToWire(), e.Destination.Masked, e.Status.ToString().ToLowerInvariant(), Rfc3339.Utc(e.At), e.Detail, DeliveryHints.For(e));
}

public sealed record ChallengeReportedResponse(string ChallengeId, string Status);
