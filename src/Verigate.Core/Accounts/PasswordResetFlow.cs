using System.Security.Cryptography;
using System.Text;
using Verigate.Core.Audit;
using Verigate.Core.Challenges;
using Verigate.Core.Destinations;
using Verigate.Core.RateLimiting;
using Verigate.Core.Results;
using Verigate.Core.Storage;

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
    TimeProvider time)
{
    private static readonly ChallengeScope ResetScope = ChallengeScope.Account(ChallengePurpose.PasswordReset);
    // Shaped like real addresses (the big providers' initials and common endings, weighted), so a masked decoy
    // cannot be told from a masked real address by its look alone.
    private static readonly string[] DecoyDomains = ["g", "g", "g", "o", "y", "h", "i", "p", "a", "m", "w", "t", "e", "f", "s", "c"];
    // Mobile ranges of common countries (prefix and the digits that follow), so a masked decoy number looks like a real one.
    private static readonly (string Prefix, int Digits)[] DecoyPhonePrefixes =
        [("+1415", 7), ("+1212", 7), ("+4915", 9), ("+4917", 9), ("+447", 9), ("+336", 8), ("+346", 8), ("+393", 9)];
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
            // The reset budget (never the one the owner's sign-in needs) and the requester's IP pay for the send.
            var origin = new SendOrigin(account.UserId, client.Ip, Budget: SendBudget.Reset);
            var issued = await engine.IssueAsync(tx, request with { Subject = ChallengeSubject.ForAccount(account.UserId) }, origin, ct);
            if (issued.IsSuccess)
            {
                await tx.CommitAsync(ct);
                return Started(issued.Value);
            }

            // A throttled send is rolled back here, and answered below exactly like an unknown login.
        }

        // Unknown login, or a throttled send: a decoy that answers every later call like a real challenge.
        await using var decoyTx = await store.BeginWriteAsync(ct);
        var decoy = await engine.IssueDecoyAsync(decoyTx, request, new SendOrigin(null, client.Ip, Budget: SendBudget.Decoy), ct);
        await decoyTx.CommitAsync(ct);
        return Started(decoy);
    }

    private static PasswordResetStarted Started(Challenge challenge) =>
        new(challenge.Id, challenge.Destination.Channel, challenge.Destination.Masked);

    public async Task<Result<bool>> CompleteAsync(string challengeId, string code, string newPassword, ClientContext client, CancellationToken ct)
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
        var checkedChallenge = await engine.CheckAsync(tx, challengeId, ResetScope, code, ct);
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
        // Nothing started before the reset survives it: a new-device sign-in begun with the old password, an
        // older reset code, a pending contact change — all end in this transaction.
        await tx.Challenges.EndAllPendingOfAccountAsync(userId, ChallengeStatus.Canceled, now, ct);
        await tx.Sessions.RevokeAllAsync(userId, now, ct);
        await tx.Devices.RevokeTrustAsync(userId, ct);
        await tx.Audit.AppendAsync(new AuditEvent(now, AuditEventTypes.PasswordReset, userId, challenge.Id, ClientIp: client.Ip), ct);
        await SecurityNotices.QueueAsync(tx, userId, SecurityNotices.PasswordChanged, challenge.Id, challenge.Locale, now, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// For a username we do not know: a made-up email address or phone number derived from it (stable, so asking
    /// twice gives the same masked answer), which masks like a real one. The channel is drawn too, as real
    /// accounts' primary contacts are email or phone: a decoy that always answered "email" would reveal every
    /// account whose code goes by SMS.
    /// </summary>
    private static Destination DecoyDestination(string login)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes("verigate-reset-decoy\n" + LoginResolver.LimitKey(login)));
        if (digest[3] % 2 == 1)
        {
            var country = DecoyPhonePrefixes[digest[4] % DecoyPhonePrefixes.Length];
            var digits = string.Concat(digest.Skip(5).Take(country.Digits).Select(b => (char)('0' + (b % 10))));
            return new Destination(Channel.Sms, country.Prefix + digits);
        }

        var letter = (char)('a' + (digest[0] % 26));
        var domain = DecoyDomains[digest[1] % DecoyDomains.Length];
        var ending = DecoyEndings[digest[2] % DecoyEndings.Length];
        return new Destination(Channel.Email, $"{letter}@{domain}{ending}");
    }
}
