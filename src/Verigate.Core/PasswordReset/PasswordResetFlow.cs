using Verigate.Core.Accounts;
using Verigate.Core.Audit;
using Verigate.Core.Challenges;
using Verigate.Core.Contacts;
using Verigate.Core.Destinations;
using Verigate.Core.Fraud;
using Verigate.Core.Notices;
using Verigate.Core.RateLimiting;
using Verigate.Core.Results;
using Verigate.Core.SignIn;
using Verigate.Core.Storage;
using Verigate.Core.TwoFactor;
using Verigate.Core.Webhooks;

namespace Verigate.Core.PasswordReset;

/// <summary>
/// Password reset. The start answers unknown logins and throttled sends with the same shape as a real send,
/// and does the same store work either way, so it cannot be used to find out which accounts exist.
/// </summary>
public sealed class PasswordResetFlow(
    IStore store,
    ChallengeEngine engine,
    SmsGuard guard,
    PasswordHasher passwords,
    RateLimiter limiter,
    RateLimitOptions limits,
    ResetDecoys decoys,
    IChannelAvailability channels,
    SecondFactors secondFactors,
    AccountFailures failures,
    ReuseKeys reuseKeys,
    TimeProvider time)
{
    private static readonly ChallengeScope ResetScope = ChallengeScope.Account(ChallengePurpose.PasswordReset);

    public async Task<Result<PasswordResetStarted>> StartAsync(string login, ClientContext client, CancellationToken ct)
    {
        var charges = new List<RateLimitCharge> { new($"reset:id:{LoginResolver.LimitKey(login)}", limits.LoginsPerAccount) };
        if (client.Ip is not null)
        {
            charges.Add(new($"reset:ip:{client.Ip}", limits.SendsPerIp));
        }

        await using (var limitTx = await store.BeginWriteAsync(ct))
        {
            if (await limiter.TryChargeAsync(limitTx, charges, ct) is { } limited)
            {
                return limited; // per-IP and per-login: the same for every login, so it reveals nothing
            }

            await limitTx.CommitAsync(ct);
        }

        Account? account;
        Destination? namedContact, destination = null, decoyDestination;
        await using (var read = await store.OpenReadAsync(ct))
        {
            (account, namedContact) = await LoginResolver.ResolveAsync(read, login, ct);
            if (namedContact is not null && !channels.IsAvailable(namedContact.Channel))
            {
                namedContact = null; // a switched-off channel is never used, nor claimed by a decoy
            }

            if (account is not null)
            {
                // An address in its safety hold after a contact change cannot reset the password: named as the login, the
                // reset becomes a decoy (answered alike, so nothing tells); otherwise the primary among the others is used.
                var held = await ContactHolds.HeldAsync(read, account.UserId, time.GetUtcNow(), ct);
                destination = namedContact is not null
                    ? (held.Contains(namedContact) ? null : namedContact)
                    : ContactPicker.Primary(ContactPicker.Reachable(
                        (await read.Accounts.ContactsOfAsync(account.UserId, ct)).Where(c => !held.Contains(c.Destination)), channels))?.Destination;
            }

            // Drawn for every login, known or not, so both paths do the same reads.
            decoyDestination = namedContact ?? await decoys.ForAsync(read, login, ct);
        }

        // Asking again while a reset for this login is pending answers with that reset and sends its code again,
        // under the resend rules. Real and decoy resets are keyed alike (by the login as typed) and answered alike:
        // whatever the resend rules decide (too soon, sends used up, a limit, the SMS guard), the answer is the
        // pending reset, so a repeated request tells an anonymous caller nothing either.
        var reuseKey = reuseKeys.PasswordReset(LoginResolver.LimitKey(login));
        await using (var reuseTx = await store.BeginWriteAsync(ct))
        {
            if (await engine.FindReusableAsync(reuseTx, reuseKey, ct) is { } pending)
            {
                var resent = await engine.ResendReusedAsync(reuseTx, pending, new SendOrigin(account?.UserId, client.Ip), ct);
                if (resent.IsSuccess)
                {
                    await reuseTx.CommitAsync(ct);
                }

                return Started(pending); // a refused resend is rolled back here
            }
        }

        var request = new ChallengeRequest(ChallengePurpose.PasswordReset, ChallengeSubject.Nobody,
            destination ?? decoyDestination, account?.Locale ?? "en", DeviceName: client.UserAgent, ClientIp: client.Ip, ReuseKey: reuseKey);
        // A destination the SMS guard refuses is answered like an unknown login: the answer must not tell.
        if (account is not null && destination is not null && await guard.ScreenAsync(store, destination, client.Ip, ct) is null)
        {
            await using var tx = await store.BeginWriteAsync(ct);
            var issued = await engine.IssueAsync(tx, request with { Subject = ChallengeSubject.ForAccount(account.UserId) }, new SendOrigin(account.UserId, client.Ip), ct);
            if (issued.IsSuccess)
            {
                await tx.CommitAsync(ct);
                return Started(issued.Value);
            }

            // A throttled send is rolled back here, and answered below exactly like an unknown login.
        }

        // Unknown login, or a throttled send: a decoy that answers every later call like a real challenge.
        await using var decoyTx = await store.BeginWriteAsync(ct);
        var decoy = await engine.IssueDecoyAsync(decoyTx, request, ct);
        await decoyTx.CommitAsync(ct);
        return Started(decoy);
    }

    private static PasswordResetStarted Started(Challenge challenge) =>
        new(challenge.Id, challenge.Destination.Channel, challenge.Destination.Masked);

    public Task<Result<bool>> CompleteAsync(string challengeId, string code, string newPassword, ClientContext client, CancellationToken ct) =>
        CompleteAsync(challengeId, code, newPassword, null, client, ct);

    /// <summary>
    /// Completes a reset. On an account with a second factor the code alone is not enough: a reset must never
    /// remove or bypass the stronger factor, so a TOTP or recovery code is needed too.
    /// </summary>
    public async Task<Result<bool>> CompleteAsync(
        string challengeId, string code, string newPassword, SecondFactorAnswer? secondFactor, ClientContext client, CancellationToken ct)
    {
        // Rules that do not depend on the account are checked before the code is spent. The rule that does (no
        // username in the password) waits until the code proved right: checked earlier, its answer would differ
        // between a real challenge and a decoy, and so tell an anonymous caller whether the login exists.
        if (PasswordPolicy.Validate(newPassword, null) is { } weak)
        {
            return weak with { Field = "newPassword" };
        }

        if (await engine.RefuseEarlyAsync(store, challengeId, ResetScope, ct) is { } decided)
        {
            return decided;
        }

        var newHash = passwords.Hash(newPassword); // slow on purpose: outside the write transaction
        await using var tx = await store.BeginWriteAsync(ct);
        var secondFactorMissing = false;
        var checkedChallenge = await engine.CheckAsync(tx, challengeId, ResetScope, async c =>
        {
            if (!engine.CodeMatches(c, code))
            {
                return false;
            }

            if (ChallengeEngine.IsDecoy(c) || !(await secondFactors.StatusAsync(tx, c.Subject.UserId, ct)).Any)
            {
                return true;
            }

            // Only someone who has the sent code learns that the account has a second factor.
            secondFactorMissing = secondFactor is null;
            if (secondFactorMissing || await secondFactors.ProveAsync(tx, c.Subject.UserId, secondFactor!, c.Locale, client.Ip, ct))
            {
                return true;
            }

            await failures.CountAsync(tx, FailureScopes.SecondFactor(c.Subject.UserId), c.Subject.UserId, client.Ip, ct);
            return false;
        }, secondFactor?.Field ?? "code", ct);
        if (secondFactorMissing)
        {
            // Not committed: the code and the attempt stay unspent for the retry with the factor.
            return new Error(ErrorCodes.SecondFactorRequired, "This account has a second factor: send 'totp' or 'recoveryCode' with the code.", "totp");
        }

        if (!checkedChallenge.IsSuccess)
        {
            await tx.CommitAsync(ct);
            return checkedChallenge.Error;
        }

        var challenge = checkedChallenge.Value;
        if (ChallengeEngine.IsDecoy(challenge))
        {
            await tx.CommitAsync(ct);
            return Error.NotFound();
        }

        var userId = challenge.Subject.UserId;
        var owner = await tx.Accounts.GetAsync(userId, ct);
        if (PasswordPolicy.Validate(newPassword, owner?.Username) is { } containsUsername)
        {
            return containsUsername with { Field = "newPassword" }; // not committed: the code and the attempt stay unspent
        }

        var now = time.GetUtcNow();
        await tx.Accounts.UpdatePasswordAsync(userId, newHash, ct);
        await tx.Sessions.RevokeAllAsync(userId, now, ct);
        await tx.Devices.RevokeTrustAsync(userId, ct);

        // Nothing started under the old password (a new-device sign-in, an older reset) may finish after this.
        await tx.Challenges.EndPendingOfAccountAsync(userId, challenge.Id, ChallengeStatus.Canceled, now, ct);
        await tx.FailureCounters.ClearAsync([FailureScopes.SignIn(userId)], ct);
        await tx.Audit.AppendAsync(new AuditEvent(now, AuditEventTypes.PasswordReset, userId, challenge.Id, ClientIp: client.Ip), ct);
        await SecurityNotices.QueueAsync(tx, userId, SecurityNotices.PasswordChanged, challenge.Id, challenge.Locale, now, ct);
        await WebhookPublisher.PublishAsync(tx, WebhookEventTypes.PasswordChanged, $"user:{userId}", null,
            new System.Text.Json.Nodes.JsonObject { ["userId"] = userId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["reason"] = "password_reset" }, now, ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
