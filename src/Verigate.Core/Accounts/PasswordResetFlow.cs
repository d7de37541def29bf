using System.Security.Cryptography;
using System.Text;
using Verigate.Core.Audit;
using Verigate.Core.Challenges;
using Verigate.Core.Destinations;
using Verigate.Core.RateLimiting;
using Verigate.Core.Results;
using Verigate.Core.Storage;
using Verigate.Core.TwoFactor;

namespace Verigate.Core.Accounts;

/// <summary>
/// Password reset. The start answers unknown logins and throttled sends with the same shape as a real send,
/// and does the same store work either way, so it cannot be used to find out which accounts exist.
/// </summary>
public sealed class PasswordResetFlow(
    IStore store,
    ChallengeEngine engine,
    PasswordHasher passwords,
    RateLimiter limiter,
    RateLimitOptions limits,
    SecondFactors secondFactors,
    TimeProvider time)
{
    private static readonly ChallengeScope ResetScope = ChallengeScope.Account(ChallengePurpose.PasswordReset);
    // Shaped like real addresses (the big providers' initials and common endings, weighted), so a masked decoy
    // cannot be told from a masked real address by its look alone.
    private static readonly string[] DecoyDomains = ["g", "g", "g", "o", "y", "h", "i", "p", "a", "m", "w", "t", "e", "f", "s", "c"];
    private static readonly string[] DecoyEndings = [".com", ".com", ".com", ".com", ".de", ".net", ".org", ".co.uk", ".fr", ".es", ".nl", ".it"];

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
        Destination? namedContact, destination = null;
        await using (var read = await store.OpenReadAsync(ct))
        {
            (account, namedContact) = await LoginResolver.ResolveAsync(read, login, ct);
            if (account is not null)
            {
                destination = namedContact ?? ContactPicker.Primary(await read.Accounts.ContactsOfAsync(account.UserId, ct))?.Destination;
            }
        }

        var request = new ChallengeRequest(ChallengePurpose.PasswordReset, ChallengeSubject.Nobody,
            destination ?? namedContact ?? DecoyDestination(login), account?.Locale ?? "en", DeviceName: client.UserAgent, ClientIp: client.Ip);
        if (account is not null && destination is not null)
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
            return secondFactorMissing || await secondFactors.ProveAsync(tx, c.Subject.UserId, secondFactor!, c.Locale, client.Ip, ct);
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
        await tx.Audit.AppendAsync(new AuditEvent(now, AuditEventTypes.PasswordReset, userId, challenge.Id, ClientIp: client.Ip), ct);
        await SecurityNotices.QueueAsync(tx, userId, SecurityNotices.PasswordChanged, challenge.Id, challenge.Locale, now, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// For a username we do not know: a made-up email address derived from it (stable, so asking twice gives the
    /// same masked answer), which masks like a real one.
    /// </summary>
    private static Destination DecoyDestination(string login)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes("verigate-reset-decoy\n" + LoginResolver.LimitKey(login)));
        var letter = (char)('a' + (digest[0] % 26));
        var domain = DecoyDomains[digest[1] % DecoyDomains.Length];
        var ending = DecoyEndings[digest[2] % DecoyEndings.Length];
        return new Destination(Channel.Email, $"{letter}@{domain}{ending}");
    }
}
