using Verigate.Core.Audit;
using Verigate.Core.Destinations;
using Verigate.Core.Fraud;
using Verigate.Core.Webhooks;
using Verigate.Core.Outbox;
using Verigate.Core.RateLimiting;
using Verigate.Core.Results;
using Verigate.Core.Storage;
using Verigate.Core.Telemetry;

namespace Verigate.Core.Challenges;

/// <summary>
/// The one-time-code engine: issues, re-sends, checks and ends challenges inside the caller's write transaction.
/// Every rule of the code policy lives here, so the account flows and the Verify API behave identically.
/// </summary>
public sealed partial class ChallengeEngine(
    TimeProvider time,
    CodeHasher hasher,
    ICodeVault vault,
    RateLimiter limiter,
    SendLimits sendLimits,
    CodePolicyOptions policy,
    RateLimitOptions limits,
    IChannelAvailability channels,
    SmsGuard guard)
{
    /// <summary>
    /// Stores the challenge, queues its first message and charges the send limits. On failure the caller must
    /// not commit: the rows written before the refused charge are rolled back with it.
    /// </summary>
    public async Task<Result<Challenge>> IssueAsync(IStoreSession tx, ChallengeRequest request, SendOrigin origin, CancellationToken ct)
    {
        if (!channels.IsAvailable(request.Destination.Channel))
        {
            return ChannelUnavailable(request.Destination.Channel);
        }

        var challenge = await InsertAsync(tx, request, OutboxKind.Code, ct);
        await PublishVerificationAsync(tx, challenge, WebhookEventTypes.VerificationPending, challenge.CreatedAt, ct);

        // The counters (send limits, the SMS guard's velocity counters and budgets) are rows every send of one API
        // key, prefix or day shares: charged last, all at once, in the store's counters session, so that on
        // PostgreSQL they are locked for a short transaction of their own rather than until this one's commit.
        await using var counters = await tx.BeginCountersAsync(ct);
        if (await guard.ChargeFirstAsync(counters, request.Destination, sendLimits.For(request.Purpose, request.Destination, origin), ct) is { } refused)
        {
            return refused;
        }

        await counters.CommitAsync(ct);
        VerigateTelemetry.Started(challenge);
        return challenge;
    }

    /// <summary>
    /// A challenge that looks and behaves exactly like a real one (stored, attempt-limited, with a timeline) but
    /// whose code goes nowhere: the answer for logins we must not reveal to be unknown. It sends nothing, so it
    /// charges no send budget: a decoy for a number must not use up what real sends to that number need.
    /// </summary>
    public Task<Challenge> IssueDecoyAsync(IStoreSession tx, ChallengeRequest request, CancellationToken ct) =>
        InsertAsync(tx, request with { Subject = ChallengeSubject.Nobody }, OutboxKind.Decoy, ct);

    /// <summary>
    /// A challenge answered by something the person already holds (authenticator app, recovery code): stored and
    /// attempt-limited like any other, but no code is sent — sending one would let SMS downgrade the second factor.
    /// Its code hash is of a random code nobody ever sees, so no code can pass it.
    /// </summary>
    public Task<Challenge> OpenWithoutSendingAsync(IStoreSession tx, ChallengeRequest request, CancellationToken ct) =>
        InsertAsync(tx, request, null, ct);

    private async Task<Challenge> InsertAsync(IStoreSession tx, ChallengeRequest request, OutboxKind? kind, CancellationToken ct)
    {
        // Whole milliseconds: what the store keeps, so an answer never differs from a later read of the same challenge.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        var rules = ChallengePolicies.For(request.Purpose);
        var length = rules.CodeLength(policy, request.CodeLength);
        var lifetime = rules.Lifetime(policy);
        var code = CodeGenerator.Generate(length);

        var draft = new Challenge
        {
            Id = ChallengeIds.NewFor(request.Purpose, now),
            Purpose = request.Purpose,
            Label = request.Label,
            Subject = request.Subject,
            Destination = request.Destination,
            CodeLength = length,
            CodeHash = [],
            ProtectedCode = kind is null ? null : vault.Protect(code),
            Status = ChallengeStatus.Pending,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
            MaxAttempts = policy.MaxAttempts,
            SendsUsed = kind is null ? 0 : 1,
            MaxSends = policy.MaxSends,
            NextSendAt = now + policy.CooldownAfter(1),
            Locale = request.Locale,
            DeviceName = request.DeviceName,
            ClientIp = request.ClientIp,
            ServiceSid = request.ServiceSid,
            ReuseKey = request.ReuseKey,
        };
        var challenge = draft with { CodeHash = hasher.Hash(draft, code) };

        await tx.Challenges.InsertAsync(challenge, ct);
        if (kind is { } sendAs)
        {
            await QueueCodeAsync(tx, challenge, challenge.Destination, sendAs, now, ct);
        }

        await AuditAsync(tx, challenge, AuditEventTypes.ChallengeIssued, now,
            $"purpose={challenge.Purpose.ToName()} channel={challenge.Destination.Channel.ToWire()} to={challenge.Destination.Masked}", ct);
        return challenge;
    }

    /// <summary>Sends the same code again, to the bound destination or to <paramref name="to"/> (another channel of the same account).</summary>
    public async Task<Result<Challenge>> ResendAsync(
        IStoreSession tx, string id, ChallengeScope scope, Destination? to, SendOrigin origin, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var challenge = await FindAsync(tx, id, scope, ct);
        if (challenge is null || !challenge.IsOpenAt(now) || challenge.ProtectedCode is null)
        {
            return Error.NotFound();
        }

        if (challenge.SendsUsed >= challenge.MaxSends)
        {
            return new Error(ErrorCodes.TooManySends, "This code has been sent as often as allowed; start again.");
        }

        if (now < challenge.NextSendAt)
        {
            return new Error(ErrorCodes.ResendTooSoon, "Wait a little before asking for the code again.", RetryAfter: challenge.NextSendAt - now);
        }

        var destination = to ?? challenge.Destination;
        if (!IsDecoy(challenge) && !channels.IsAvailable(destination.Channel))
        {
            return ChannelUnavailable(destination.Channel);
        }

        // The shared counters, as in IssueAsync; a refusal anywhere below rolls the send and the charges back.
        await using var counters = await tx.BeginCountersAsync(ct);
        if (!IsDecoy(challenge) && await guard.ChargeAsync(counters, destination, [], ct) is { } refused)
        {
            return refused;
        }

        var sendsUsed = challenge.SendsUsed + 1;
        var nextSendAt = now + policy.CooldownAfter(sendsUsed);
        if (!await tx.Challenges.TryRecordSendAsync(id, challenge.SendsUsed, nextSendAt, ct))
        {
            return new Error(ErrorCodes.ResendTooSoon, "The code was just sent again.", RetryAfter: nextSendAt - now);
        }

        var kind = await ResendKindAsync(counters, challenge, destination, origin, ct);
        await QueueCodeAsync(tx, challenge, destination, kind, now, ct);
        await AuditAsync(tx, challenge, AuditEventTypes.ChallengeResent, now,
            $"channel={destination.Channel.ToWire()} to={destination.Masked} send={sendsUsed}", ct);

        // Charged last, for the reason given in IssueAsync; a refusal rolls the send back.
        var charges = ChallengePolicies.For(challenge.Purpose).MayBeDecoy || IsDecoy(challenge)
            ? sendLimits.Requester(origin)
            : sendLimits.For(challenge.Purpose, destination, origin);
        if (await limiter.TryChargeAsync(counters, charges, ct) is { } limited)
        {
            return limited;
        }

        await counters.CommitAsync(ct);
        VerigateTelemetry.Resent(challenge);
        return challenge with { SendsUsed = sendsUsed, NextSendAt = nextSendAt };
    }

    /// <summary>
    /// A decoy's resend goes nowhere. So does a real reset's once the account's reset budget is spent: answering
    /// "too many" there (and never for a decoy) would tell an anonymous caller that the login exists, so the
    /// answer stays the same and only the message is withheld.
    /// </summary>
    private async Task<OutboxKind> ResendKindAsync(IStoreSession tx, Challenge challenge, Destination destination, SendOrigin origin, CancellationToken ct)
    {
        if (IsDecoy(challenge))
        {
            return OutboxKind.Decoy;
        }

        if (!ChallengePolicies.For(challenge.Purpose).MayBeDecoy)
        {
            return OutboxKind.Code;
        }

        return await limiter.TryChargeAsync(tx, sendLimits.ResetOwner(destination, origin), ct) is null ? OutboxKind.Code : OutboxKind.Decoy;
    }

    /// <summary>
    /// The automatic fallback: the same code, once more, to <paramref name="to"/> (another verified channel of the
    /// same account) because the first channel failed or stayed unconfirmed. System-initiated, so it is not held to
    /// the resend cool-down or the send limits, but it counts as a send and needs one left.
    /// </summary>
    public async Task<Result<Challenge>> FallBackAsync(IStoreSession tx, Challenge challenge, Destination to, string reason, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (!challenge.IsOpenAt(now) || challenge.ProtectedCode is null || IsDecoy(challenge))
        {
            return Error.NotFound();
        }

        if (!channels.IsAvailable(to.Channel))
        {
            return ChannelUnavailable(to.Channel);
        }

        if (challenge.SendsUsed >= challenge.MaxSends || !await tx.Challenges.TryRecordSendAsync(challenge.Id, challenge.SendsUsed, challenge.NextSendAt, ct))
        {
            return new Error(ErrorCodes.TooManySends, "This code has been sent as often as allowed.");
        }

        await QueueCodeAsync(tx, challenge, to, OutboxKind.Code, now, ct, reason);
        await AuditAsync(tx, challenge, AuditEventTypes.ChallengeResent, now, $"fallback channel={to.Channel.ToWire()} to={to.Masked}", ct);
        VerigateTelemetry.Resent(challenge);
        return challenge with { SendsUsed = challenge.SendsUsed + 1 };
    }

    /// <summary>Cancels (or, for "I didn't request this", reports; or, for an integrator's own approval, approves) a pending challenge.</summary>
    public async Task<Result<Challenge>> CancelAsync(IStoreSession tx, string id, ChallengeScope scope, ChallengeStatus status, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var challenge = await FindAsync(tx, id, scope, ct);
        if (challenge is null || !challenge.IsOpenAt(now) || !await tx.Challenges.TryEndAsync(id, status, now, ct))
        {
            return Error.NotFound();
        }

        var type = status switch
        {
            ChallengeStatus.Reported => AuditEventTypes.ChallengeReported,
            ChallengeStatus.Approved => AuditEventTypes.ChallengeApproved, // approved by the integrator (Twilio's update)
            _ => AuditEventTypes.ChallengeCanceled,
        };
        await AuditAsync(tx, challenge, type, now, null, ct);
        await PublishVerificationAsync(tx, challenge with { Status = status }, WebhookEventTypes.VerificationCanceled, now, ct);
        if (status == ChallengeStatus.Reported && challenge.Subject.Kind == SubjectKind.Account && !IsDecoy(challenge))
        {
            await WebhookPublisher.PublishAsync(tx, WebhookEventTypes.CodeReported, $"user:{challenge.Subject.UserId}", null,
                new System.Text.Json.Nodes.JsonObject { ["userId"] = challenge.Subject.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["challengeId"] = challenge.Id, ["channel"] = challenge.Destination.Channel.ToWire() }, now, ct);
        }
        return challenge with { Status = status, ProtectedCode = null };
    }

    /// <summary>The challenge if it exists and the caller may see it; otherwise null, whichever the reason.</summary>
    public static async Task<Challenge?> FindAsync(IStoreSession session, string id, ChallengeScope scope, CancellationToken ct)
    {
        if (!ChallengeIds.LooksValid(id))
        {
            return null;
        }

        var challenge = await session.Challenges.GetAsync(id, ct);
        return challenge is not null && scope.Admits(challenge) ? challenge : null;
    }

    public static bool IsDecoy(Challenge challenge) => challenge.Subject == ChallengeSubject.Nobody;

    /// <summary>Enforced here, under every flow, so no flow can put a code on a channel the operator switched off.</summary>
    private static Error ChannelUnavailable(Channel channel) =>
        new(ErrorCodes.ChannelUnavailable, $"Codes cannot be sent by {channel.ToWire()} on this server.", "channel");

    private static async Task QueueCodeAsync(
        IStoreSession tx, Challenge challenge, Destination destination, OutboxKind kind, DateTimeOffset now, CancellationToken ct, string? detail = null)
    {
        var template = ChallengePolicies.For(challenge.Purpose).Template(challenge.Label);
        await tx.Outbox.EnqueueTrackedAsync(
            new OutboxMessage(0, kind, challenge.Id, destination, template, challenge.Locale, now),
            new DeliveryEvent(challenge.Id, 0, destination, DeliveryStatus.Queued, now, detail), ct);
    }

    private static Task AuditAsync(IStoreSession tx, Challenge challenge, string type, DateTimeOffset now, string? detail, CancellationToken ct)
    {
        var userId = challenge.Subject.Kind == SubjectKind.Account && !IsDecoy(challenge) ? challenge.Subject.UserId : (long?)null;
        var actor = challenge.Subject.Kind == SubjectKind.ApiKey ? $"api_key:{challenge.Subject.Id}" : null;
        return tx.Audit.AppendAsync(new AuditEvent(now, type, userId, challenge.Id, actor, challenge.ClientIp, detail), ct);
    }
}
