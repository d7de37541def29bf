using Verigate.Core.Destinations;

namespace Verigate.Core.Challenges;

/// <summary>One request for proof: a one-time code bound to a purpose, a subject and a destination.</summary>
public sealed record Challenge
{
    public required string Id { get; init; }
    public required ChallengePurpose Purpose { get; init; }

    /// <summary>Verify API only: the integrator's purpose ("login", "signup" …), used in the message text.</summary>
    public string? Label { get; init; }

    public required ChallengeSubject Subject { get; init; }

    /// <summary>The destination the code is bound to (the one being proven, or the account's primary contact).</summary>
    public required Destination Destination { get; init; }

    public required int CodeLength { get; init; }
    public required byte[] CodeHash { get; init; }

    /// <summary>The code encrypted for re-delivery; erased once the challenge ends.</summary>
    public string? ProtectedCode { get; init; }

    public required ChallengeStatus Status { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public int AttemptsUsed { get; init; }
    public required int MaxAttempts { get; init; }
    public int SendsUsed { get; init; }
    public required int MaxSends { get; init; }
    public required DateTimeOffset NextSendAt { get; init; }
    public string Locale { get; init; } = "en";

    /// <summary>Free-form context for the message ("Chrome on Linux"); never used for decisions.</summary>
    public string? DeviceName { get; init; }

    public string? ClientIp { get; init; }

    /// <summary>The Twilio-compatible API's service ("VA…") a verification was started under; null otherwise.</summary>
    public string? ServiceSid { get; init; }

    /// <summary>What a repeated request of the same kind finds this challenge by while it is pending (<see cref="ReuseKeys"/>); null: never reused.</summary>
    public string? ReuseKey { get; init; }

    /// <summary>
    /// Checks left. The right code does not count as a spent attempt: a person who got it right first time has
    /// still had every attempt left, so an approved challenge reports one more than its counter says.
    /// </summary>
    public int AttemptsRemaining => Math.Max(0, MaxAttempts - AttemptsUsed + (Status == ChallengeStatus.Approved ? 1 : 0));

    /// <summary>The status at <paramref name="now"/>: a pending challenge past its expiry is expired.</summary>
    public ChallengeStatus StatusAt(DateTimeOffset now) =>
        Status == ChallengeStatus.Pending && now >= ExpiresAt ? ChallengeStatus.Expired : Status;

    public bool IsOpenAt(DateTimeOffset now) => StatusAt(now) == ChallengeStatus.Pending;
}
