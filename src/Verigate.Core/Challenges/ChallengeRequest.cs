using Verigate.Core.Destinations;

namespace Verigate.Core.Challenges;

/// <summary>What a caller asks the engine to issue.</summary>
public sealed record ChallengeRequest(
    ChallengePurpose Purpose,
    ChallengeSubject Subject,
    Destination Destination,
    string Locale = "en",
    string? Label = null,
    int? CodeLength = null,
    string? DeviceName = null,
    string? ClientIp = null,
    string? ServiceSid = null,
    string? ReuseKey = null);
