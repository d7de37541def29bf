using Verigate.Core.ActivityLog;
using Verigate.Core.Challenges;
using Verigate.Core.Destinations;
using Verigate.Core.TwoFactor;

namespace Verigate.Core.Support;

/// <summary>
/// What an agent sees of an account: identifiers, masked contacts, which second factors exist (never a secret),
/// devices, sessions, recent challenges with their delivery timeline (the provider's own answer included), the
/// account's activity, and whether this agent verified the caller. Nothing in it is a code, a secret or a full address.
/// </summary>
public sealed record SupportAccountView(
    long UserId,
    string Username,
    DateTimeOffset CreatedAt,
    IReadOnlyList<SupportContact> Contacts,
    TwoFactorStatus SecondFactors,
    IReadOnlyList<SupportDevice> Devices,
    IReadOnlyList<SupportSession> Sessions,
    IReadOnlyList<SupportChallenge> Challenges,
    IReadOnlyList<ActivityEntry> Activity,
    bool SignInLocked,
    DateTimeOffset? RecoveryCompletesAt,
    DateTimeOffset? CallerVerifiedUntil);

public sealed record SupportContact(Channel Channel, string Masked, bool Verified);

public sealed record SupportDevice(long DeviceId, string Name, bool Remembered, DateTimeOffset LastSeenAt);

public sealed record SupportSession(string SessionId, string DeviceName, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt);

public sealed record SupportChallenge(
    string Id, ChallengePurpose Purpose, ChallengeStatus Status, Channel Channel, string MaskedDestination, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt,
    IReadOnlyList<SupportDelivery> Timeline);

/// <summary>One delivery step; <see cref="ProviderReason"/> is the gateway's own words (such as an SMSC refusal).</summary>
public sealed record SupportDelivery(string Status, DateTimeOffset At, Channel Channel, string MaskedDestination, string? Detail, string? ProviderReason);
