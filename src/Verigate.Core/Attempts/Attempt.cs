using Verigate.Core.Challenges;
using Verigate.Core.Destinations;

namespace Verigate.Core.Attempts;

/// <summary>One verification as the attempts API reports it: where it went and whether it converted (was approved).</summary>
public sealed record Attempt(
    string VerificationId,
    Destination Destination,
    string? Country,
    ChallengeStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    int Sends,
    int Checks,
    string? ServiceSid)
{
    public bool Converted => Status == ChallengeStatus.Approved;

    public ChallengeStatus StatusAt(DateTimeOffset now) =>
        Status == ChallengeStatus.Pending && now >= ExpiresAt ? ChallengeStatus.Expired : Status;
}
