using Verigate.Core.Contacts;
using Verigate.Core.Destinations;
using Verigate.Core.Fraud;
using Verigate.Core.Notices;
using Verigate.Core.Outbox;
using Verigate.Core.RateLimiting;
using Verigate.Core.Results;
using Verigate.Core.Storage;

namespace Verigate.Core.Challenges;

/// <summary>What a person can do with an account challenge besides entering its code: resend, see deliveries, report.</summary>
public sealed class AccountChallenges(IStore store, ChallengeEngine engine, SmsGuard guard, TimeProvider time)
{
    private static readonly ChallengeScope AnyAccountPurpose = ChallengeScope.Account(
        ChallengePurpose.SignUp, ChallengePurpose.NewDeviceLogin, ChallengePurpose.PasswordReset,
        ChallengePurpose.ContactChange, ChallengePurpose.StepUp, ChallengePurpose.AccountRecovery);

    /// <summary>
    /// Sends the same code again; with <paramref name="channel"/>, to the account's verified contact on that channel.
    /// A refusal of the SMS guard shows in the challenge's timeline and the audit.
    /// </summary>
    public async Task<Result<ResentChallenge>> ResendAsync(string challengeId, Channel? channel, ClientContext client, CancellationToken ct)
    {
        var resent = await ResendCoreAsync(challengeId, channel, client, ct);
        if (!resent.IsSuccess)
        {
            await guard.RecordRefusalAsync(store, resent.Error, challengeId, null, client.Ip, ct);
        }

        return resent;
    }

    private async Task<Result<ResentChallenge>> ResendCoreAsync(string challengeId, Channel? channel, ClientContext client, CancellationToken ct)
    {
        await using var tx = await store.BeginWriteAsync(ct);
        var challenge = await ChallengeEngine.FindAsync(tx, challengeId, AnyAccountPurpose, ct);
        if (challenge is null)
        {
            return Error.NotFound();
        }

        Destination? to = null;
        if (channel is { } wanted && wanted != challenge.Destination.Channel)
        {
            // A sign-up or contact change proves one particular address: its code cannot go anywhere else. A
            // password reset stays on its channel too: "sent by SMS instead" would tell an anonymous caller that
            // the account exists and has a verified phone (a decoy has neither). Switching is for callers who
            // already proved the password (a new-device sign-in, a step-up), whose challenges are never decoys.
            if (!ChallengePolicies.For(challenge.Purpose).MaySwitchChannel)
            {
                return new Error(ErrorCodes.ChannelUnavailable, "This code can only be sent again where it was sent first.", "channel");
            }

            to = ContactPicker.OnChannel(await tx.Accounts.ContactsOfAsync(challenge.Subject.UserId, ct), wanted);
            if (to is null)
            {
                return new Error(ErrorCodes.ChannelUnavailable, $"There is no verified {wanted.ToWire()} destination to send this code to.", "channel");
            }
        }

        var origin = ChallengeEngine.IsDecoy(challenge) ? new SendOrigin(null, client.Ip) : new SendOrigin(challenge.Subject.UserId, client.Ip);
        var resent = await engine.ResendAsync(tx, challengeId, AnyAccountPurpose, to, origin, ct);
        if (!resent.IsSuccess)
        {
            return resent.Error;
        }

        await tx.CommitAsync(ct);
        return new ResentChallenge(resent.Value, to ?? resent.Value.Destination);
    }

    /// <summary>
    /// Sends the same code to the account's verified contact on <paramref name="to"/> because delivery on another
    /// channel failed or was not confirmed. Once per challenge: nothing happens if the code already went out on
    /// that channel, or the purpose binds the code to one address (sign-up, contact change). Never for a password
    /// reset: its login may be unknown (a decoy), and an automatic second message would tell the two apart.
    /// </summary>
    public async Task<Result<Destination>> FallBackAsync(string challengeId, Channel to, string reason, CancellationToken ct)
    {
        await using var tx = await store.BeginWriteAsync(ct);
        var challenge = await ChallengeEngine.FindAsync(tx, challengeId, AnyAccountPurpose, ct);
        if (challenge is null || ChallengeEngine.IsDecoy(challenge)
            || !ChallengePolicies.For(challenge.Purpose).MayFallBack)
        {
            return Error.NotFound();
        }

        var timeline = await tx.Deliveries.ListAsync(challengeId, ct);
        var destination = ContactPicker.OnChannel(await tx.Accounts.ContactsOfAsync(challenge.Subject.UserId, ct), to);
        if (destination is null || timeline.Any(d => d.Destination.Channel == to))
        {
            return new Error(ErrorCodes.ChannelUnavailable, $"No fallback on {to.ToWire()} for this code.", "channel");
        }

        var sent = await engine.FallBackAsync(tx, challenge, destination, reason, ct);
        if (!sent.IsSuccess)
        {
            return sent.Error;
        }

        await tx.CommitAsync(ct);
        return destination;
    }

    public async Task<Result<ChallengeDeliveries>> DeliveriesAsync(string challengeId, CancellationToken ct)
    {
        await using var read = await store.OpenReadAsync(ct);
        var challenge = await ChallengeEngine.FindAsync(read, challengeId, AnyAccountPurpose, ct);
        return challenge is null
            ? Error.NotFound()
            : new ChallengeDeliveries(challenge, DecoyShapedTimeline.For(challenge, await read.Deliveries.ListAsync(challengeId, ct)));
    }

    /// <summary>
    /// "I didn't request this": ends the challenge and warns the account's verified contacts. Works for any
    /// challenge, Verify API ones included, because the link is in every message we send.
    /// </summary>
    public async Task<Result<Challenge>> ReportAsync(string challengeId, CancellationToken ct)
    {
        await using var tx = await store.BeginWriteAsync(ct);
        var ended = await engine.CancelAsync(tx, challengeId, ChallengeScope.Any, ChallengeStatus.Reported, ct);
        if (!ended.IsSuccess)
        {
            return ended;
        }

        var challenge = ended.Value;
        if (challenge.Subject.Kind == SubjectKind.Account && !ChallengeEngine.IsDecoy(challenge))
        {
            await SecurityNotices.QueueAsync(tx, challenge.Subject.UserId, SecurityNotices.CodeReported, challenge.Id, challenge.Locale, time.GetUtcNow(), ct);
        }

        await tx.CommitAsync(ct);
        return challenge;
    }
}
