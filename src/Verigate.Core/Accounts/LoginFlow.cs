using System.Runtime.CompilerServices;
using Verigate.Core.AccountRecovery;
using Verigate.Core.Audit;
using Verigate.Core.Challenges;
using Verigate.Core.Destinations;
using Verigate.Core.Fraud;
using Verigate.Core.Identifiers;
using Verigate.Core.RateLimiting;
using Verigate.Core.Results;
using Verigate.Core.Sessions;
using Verigate.Core.Storage;
using Verigate.Core.TwoFactor;

namespace Verigate.Core.Accounts;

/// <summary>
/// Sign-in: password, then either the trusted device's token or a code to the primary contact; and the
/// completion of sign-up and new-device challenges into a session.
/// </summary>
public sealed class LoginFlow(
    IStore store,
    ChallengeEngine engine,
    PasswordHasher passwords,
    RateLimiter limiter,
    RateLimitOptions limits,
    SessionIssuer sessions,
    IChannelAvailability channels,
    SessionPolicyOptions sessionPolicy,
    SecondFactors secondFactors,
    SmsGuard guard,
    TimeProvider time)
{
    private static readonly ChallengeScope CompletableScope =
        ChallengeScope.Account(ChallengePurpose.SignUp, ChallengePurpose.NewDeviceLogin, ChallengePurpose.SecondFactorLogin);
    private static readonly IReadOnlyList<string> SentCodeMethods = ["code"];

    public async Task<Result<LoginOutcome>> LoginAsync(LoginRequest request, ClientContext client, CancellationToken ct)
    {
        var account = new StrongBox<long?>();
        var outcome = await LoginCoreAsync(request, client, account, ct);
        if (!outcome.IsSuccess)
        {
            await guard.RecordRefusalAsync(store, outcome.Error, null, account.Value, client.Ip, ct);
        }

        return outcome;
    }

    /// <summary>
    /// The password step of every flow that starts from a login and a password (sign-in, account recovery): charged to
    /// the same per-login and per-IP budgets, the same work and the same answer for unknown logins and wrong passwords,
    /// failures audited.
    /// </summary>
    public async Task<Result<Account>> CheckPasswordAsync(string login, string password, ClientContext client, CancellationToken ct)
    {
        // Counted before anything else and for every login, known or not, so the limit itself reveals nothing.
        await using (var limitTx = await store.BeginWriteAsync(ct))
        {
            var charges = new List<RateLimitCharge> { new($"login:id:{LoginResolver.LimitKey(login)}", limits.LoginsPerAccount) };
            if (client.Ip is not null)
            {
                charges.Add(new($"login:ip:{client.Ip}", limits.LoginsPerIp));
            }

            if (await limiter.TryChargeAsync(limitTx, charges, ct) is { } limited)
            {
                return limited;
            }

            await limitTx.CommitAsync(ct);
        }

        Account? account;
        await using (var read = await store.OpenReadAsync(ct))
        {
            (account, _) = await LoginResolver.ResolveAsync(read, login, ct);
        }

        var passwordOk = account is null ? passwords.VerifyDecoy(password) : passwords.Verify(password, account.PasswordHash);
        if (account is null || !passwordOk)
        {
            await using var tx = await store.BeginWriteAsync(ct);
            await tx.Audit.AppendAsync(new AuditEvent(time.GetUtcNow(), AuditEventTypes.LoginFailed, account?.UserId, ClientIp: client.Ip), ct);
            await tx.CommitAsync(ct);
            return new Error(ErrorCodes.InvalidCredentials, "The login or password is not correct.");
        }

        return account;
    }

    private async Task<Result<LoginOutcome>> LoginCoreAsync(LoginRequest request, ClientContext client, StrongBox<long?> refusedAccount, CancellationToken ct)
    {
        var checkedPassword = await CheckPasswordAsync(request.Login, request.Password, client, ct);
        if (!checkedPassword.IsSuccess)
        {
            return checkedPassword.Error;
        }

        var account = checkedPassword.Value;
        await using var tx = await store.BeginWriteAsync(ct);
        var now = time.GetUtcNow();

        // A recovery request whose waiting period is over takes the lost factor away now, before the factor is asked for.
        await AccountRecoveryCompletion.CompleteDueAsync(tx, account.UserId, now, client, ct);

        if (request.DeviceToken is { Length: > 0 } token
            && await tx.Devices.FindTrustedByTokenHashAsync(SecureTokens.Hash(token), ct) is { } device
            && device.UserId == account.UserId
            && now - device.CreatedAt < sessionPolicy.RememberDeviceFor) // a remembered device is forgotten after a while: a code again
        {
            var session = await sessions.OpenAsync(tx, account.UserId, device.DeviceId, client, ct);
            await tx.FailureCounters.ClearAsync(FailureScopes.ClearedBySignIn(account.UserId, await tx.Accounts.ContactsOfAsync(account.UserId, ct)), ct);
            await tx.CommitAsync(ct);
            return new LoginOutcome(session, null);
        }

        var contacts = await tx.Accounts.ContactsOfAsync(account.UserId, ct);
        if (await secondFactors.StatusAsync(tx, account.UserId, ct) is { Any: true } factors && ContactPicker.Primary(contacts) is { } bound)
        {
            // No SMS or email code here: offering one would let whoever holds the phone skip the stronger factor.
            // The challenge is bound to the primary contact only as its subject's address; nothing goes there.
            var waiting = await engine.OpenWithoutSendingAsync(
                tx,
                new ChallengeRequest(ChallengePurpose.SecondFactorLogin, ChallengeSubject.ForAccount(account.UserId), bound.Destination,
                    account.Locale, DeviceName: request.DeviceName ?? client.UserAgent, ClientIp: client.Ip),
                ct);
            await tx.CommitAsync(ct);
            return new LoginOutcome(null, waiting, factors.Methods);
        }

        var contact = ContactPicker.Primary(ContactPicker.Reachable(contacts, channels));
        if (contact is null)
        {
            return new Error(ErrorCodes.ChannelUnavailable, "This account has no contact to send a code to.");
        }

        var challenge = await engine.IssueAsync(
            tx,
            new ChallengeRequest(ChallengePurpose.NewDeviceLogin, ChallengeSubject.ForAccount(account.UserId), contact.Destination,
                account.Locale, DeviceName: request.DeviceName ?? client.UserAgent, ClientIp: client.Ip),
            new SendOrigin(account.UserId, client.Ip),
            ct);
        if (!challenge.IsSuccess)
        {
            refusedAccount.Value = account.UserId; // so a refused SMS is audited against the account
            return challenge.Error;
        }

        await tx.CommitAsync(ct);
        return new LoginOutcome(null, challenge.Value, SentCodeMethods);
    }

    /// <summary>Checks the code of a sign-up or new-device challenge and, if right, signs the device in.</summary>
    public Task<Result<IssuedSession>> CompleteAsync(string challengeId, string code, bool trustDevice, ClientContext client, CancellationToken ct) =>
        CompleteAsync(challengeId, new SignInAnswer(code, null), trustDevice, client, ct);

    /// <summary>
    /// Checks the answer to a sign-in challenge — the sent code for sign-up and new-device challenges, a TOTP or
    /// recovery code for two-factor ones — and, if right, signs the device in.
    /// </summary>
    public async Task<Result<IssuedSession>> CompleteAsync(string challengeId, SignInAnswer answer, bool trustDevice, ClientContext client, CancellationToken ct)
    {
        if (await engine.RefuseEarlyAsync(store, challengeId, CompletableScope, ct) is { } decided)
        {
            return decided;
        }

        await using var tx = await store.BeginWriteAsync(ct);
        var checkedChallenge = await engine.CheckAsync(tx, challengeId, CompletableScope, c => ProvesAsync(tx, c, answer, client, ct), answer.Field, ct);
        if (!checkedChallenge.IsSuccess)
        {
            await tx.CommitAsync(ct); // the used attempt must stick
            return checkedChallenge.Error;
        }

        var challenge = checkedChallenge.Value;
        var userId = challenge.Subject.UserId;
        if (challenge.Purpose == ChallengePurpose.SignUp)
        {
            // Only the owner of the mailbox or phone got the code, so telling them it is taken reveals nothing.
            if (!await tx.Accounts.TryMarkContactVerifiedAsync(userId, challenge.Destination, time.GetUtcNow(), ct))
            {
                await tx.CommitAsync(ct);
                return new Error(ErrorCodes.ContactTaken, "This address already belongs to another account.");
            }

            await tx.Audit.AppendAsync(new AuditEvent(time.GetUtcNow(), AuditEventTypes.ContactVerified, userId, challenge.Id, ClientIp: client.Ip,
                Detail: $"channel={challenge.Destination.Channel.ToString().ToLowerInvariant()} to={challenge.Destination.Masked}"), ct);
        }

        var session = await sessions.SignInNewDeviceAsync(tx, userId, challenge.DeviceName, trustDevice, client, ct);
        await tx.FailureCounters.ClearAsync(FailureScopes.ClearedBySignIn(userId, await tx.Accounts.ContactsOfAsync(userId, ct)), ct);
        await tx.CommitAsync(ct);
        return session;
    }

    private async Task<bool> ProvesAsync(IStoreSession tx, Challenge challenge, SignInAnswer answer, ClientContext client, CancellationToken ct)
    {
        if (challenge.Purpose != ChallengePurpose.SecondFactorLogin)
        {
            return answer.Code is { } code && engine.CodeMatches(challenge, code);
        }

        return answer.SecondFactor is { } factor
            && await secondFactors.ProveAsync(tx, challenge.Subject.UserId, factor, challenge.Locale, client.Ip, ct);
    }
}
