using System.Runtime.CompilerServices;
using Verigate.Core.AccountRecovery;
using Verigate.Core.Accounts;
using Verigate.Core.Audit;
using Verigate.Core.Challenges;
using Verigate.Core.Contacts;
using Verigate.Core.Destinations;
using Verigate.Core.Devices;
using Verigate.Core.Fraud;
using Verigate.Core.RateLimiting;
using Verigate.Core.Results;
using Verigate.Core.Sessions;
using Verigate.Core.SignIn.Methods;
using Verigate.Core.Storage;

namespace Verigate.Core.SignIn;

/// <summary>
/// Sign-in as a flow that asks its methods (<see cref="ISignInMethod"/>): the password for the first step; then a
/// remembered device, or a challenge that waits for whichever second-step methods the account may use — a code
/// sent to the primary contact, or the account's second factor. Also completes sign-up challenges into a session.
/// </summary>
public sealed class LoginFlow(
    IStore store,
    ChallengeEngine engine,
    IEnumerable<ISignInMethod> methods,
    RateLimiter limiter,
    RateLimitOptions limits,
    SessionIssuer sessions,
    IChannelAvailability channels,
    ReuseKeys reuseKeys,
    SmsGuard guard,
    SecurityAlerts.NewDeviceAlerts alerts,
    TimeProvider time)
{
    private readonly ISignInMethod[] methods = [.. methods];

    public async Task<Result<LoginOutcome>> LoginAsync(LoginRequest request, ClientContext client, CancellationToken ct)
    {
        var refusedAccount = new StrongBox<long?>();
        var outcome = await LoginCoreAsync(request, client, refusedAccount, ct);
        if (!outcome.IsSuccess)
        {
            await guard.RecordRefusalAsync(store, outcome.Error, null, refusedAccount.Value, client.Ip, ct);
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
        var attempt = await FirstFactorAsync(login, new SignInProof(password, null), client, ct);
        return attempt.IsSuccess ? attempt.Value.Account! : attempt.Error;
    }

    private async Task<Result<SignInAttempt>> FirstFactorAsync(string login, SignInProof proof, ClientContext client, CancellationToken ct)
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

        var attempt = SignInAttempt.Start(account, client);
        // The password is checked outside the write transaction: hashing is slow and must not hold the writer.
        if (account is null || !await ProveStepAsync(attempt, SignInStep.FirstFactor, proof, null, ct))
        {
            await using var tx = await store.BeginWriteAsync(ct);
            await tx.Audit.AppendAsync(new AuditEvent(time.GetUtcNow(), AuditEventTypes.LoginFailed, account?.UserId, ClientIp: client.Ip), ct);
            await tx.CommitAsync(ct);
            return new Error(ErrorCodes.InvalidCredentials, "The login or password is not correct.");
        }

        // Support locked this account's sign-in: said only to someone who has just given its password, so the lock
        // reveals nothing to a stranger probing logins; the attempt was charged to the limits above like any other.
        // The read is over before the write begins: a request never holds one pooled connection while waiting for another.
        bool locked;
        await using (var read = await store.OpenReadAsync(ct))
        {
            locked = await read.Support.IsSignInLockedAsync(account.UserId, ct);
        }

        if (locked)
        {
            await using var tx = await store.BeginWriteAsync(ct);
            await tx.Audit.AppendAsync(new AuditEvent(time.GetUtcNow(), AuditEventTypes.LoginFailed, account.UserId, ClientIp: client.Ip, Detail: "reason=sign_in_locked"), ct);
            await tx.CommitAsync(ct);
            return new Error(ErrorCodes.SignInLocked, "Sign-in to this account is locked by support. Contact support to unlock it.");
        }

        return attempt;
    }

    private async Task<Result<LoginOutcome>> LoginCoreAsync(LoginRequest request, ClientContext client, StrongBox<long?> refusedAccount, CancellationToken ct)
    {
        var proof = new SignInProof(request.Password, request.DeviceToken);
        var first = await FirstFactorAsync(request.Login, proof, client, ct);
        if (!first.IsSuccess)
        {
            return first.Error;
        }

        var attempt = first.Value;
        var account = attempt.Account!;
        await using var tx = await store.BeginWriteAsync(ct);

        // A recovery request whose waiting period is over takes the lost factor away now, before the factor is asked for.
        await AccountRecoveryCompletion.CompleteDueAsync(tx, account.UserId, time.GetUtcNow(), client, ct);

        var contacts = await tx.Accounts.ContactsOfAsync(account.UserId, ct);
        if (await ProveStepAsync(attempt, SignInStep.SecondFactor, proof, tx, ct) && attempt.RememberedDeviceId is { } deviceId)
        {
            var session = await sessions.OpenAsync(tx, account.UserId, deviceId, client, ct);
            await tx.FailureCounters.ClearAsync(FailureScopes.ClearedBySignIn(account.UserId, contacts), ct);
            await tx.CommitAsync(ct);
            return new LoginOutcome(session, null);
        }

        var waiting = await OpenChallengeAsync(tx, attempt, request, contacts, ct);
        if (!waiting.IsSuccess)
        {
            refusedAccount.Value = account.UserId; // so a refused SMS is audited against the account
            return waiting.Error;
        }

        await tx.CommitAsync(ct);
        return new LoginOutcome(null, waiting.Value, attempt.Methods);
    }

    /// <summary>Checks the code of a sign-up or new-device challenge and, if right, signs the device in.</summary>
    public Task<Result<IssuedSession>> CompleteAsync(string challengeId, string code, bool trustDevice, ClientContext client, CancellationToken ct) =>
        CompleteAsync(challengeId, new SignInAnswer(code, null), trustDevice, client, ct);

    /// <summary>
    /// Checks the answer to a sign-in challenge with the methods that answer its purpose — the sent code for
    /// sign-up and new-device challenges, a TOTP or recovery code for two-factor ones — and, if right, signs the
    /// device in.
    /// </summary>
    public async Task<Result<IssuedSession>> CompleteAsync(string challengeId, SignInAnswer answer, bool trustDevice, ClientContext client, CancellationToken ct)
    {
        var scope = CompletableScope();
        if (await engine.RefuseEarlyAsync(store, challengeId, scope, ct) is { } decided)
        {
            return decided;
        }

        await using var tx = await store.BeginWriteAsync(ct);
        var proof = new SignInProof(Answer: answer);
        var checkedChallenge = await engine.CheckAsync(
            tx, challengeId, scope, c => ProveStepAsync(SignInAttempt.Continue(c, client), SignInStep.SecondFactor, proof, tx, ct), answer.Field, ct);
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
        var contacts = await tx.Accounts.ContactsOfAsync(userId, ct);
        if (challenge.Purpose != ChallengePurpose.SignUp)
        {
            // A new account's first device is no news to its owner; every later new device is.
            await alerts.QueueAsync(tx, userId, contacts, challenge.DeviceName, time.GetUtcNow(), ct);
        }

        await tx.FailureCounters.ClearAsync(FailureScopes.ClearedBySignIn(userId, contacts), ct);
        await tx.CommitAsync(ct);
        return session;
    }

    /// <summary>
    /// True when one of the methods for <paramref name="step"/> (that answers the attempt's challenge, if it has one)
    /// accepts the proof; the attempt then moves on to what it needs next.
    /// </summary>
    private async Task<bool> ProveStepAsync(SignInAttempt attempt, SignInStep step, SignInProof proof, IStoreSession? tx, CancellationToken ct)
    {
        foreach (var method in methods)
        {
            if (method.Step == step
                && (attempt.Challenge is not { } challenge ? method.Opens is null : method.Answers(challenge.Purpose))
                && await method.ProveAsync(attempt, proof, tx, ct))
            {
                attempt.Satisfied(step);
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Opens the challenge the attempt waits on, for the second-step methods this account may use. The sent code
    /// goes out now; a challenge for the account's second factor sends nothing and is bound to the primary contact
    /// only as its subject's address.
    /// </summary>
    private async Task<Result<Challenge>> OpenChallengeAsync(
        IStoreSession tx, SignInAttempt attempt, LoginRequest request, IReadOnlyList<Contact> contacts, CancellationToken ct)
    {
        var usable = new List<ISignInMethod>();
        foreach (var method in methods)
        {
            if (method.Step == SignInStep.SecondFactor && method.Opens is not null && await method.IsAvailableAsync(tx, attempt.UserId, ct))
            {
                usable.Add(method);
            }
        }

        // Every usable method waits on the same purpose: the sent code is usable only when no second factor is.
        var purpose = usable.Count > 0 ? usable[0].Opens!.Value : ChallengePurpose.NewDeviceLogin;
        var sends = ChallengePolicies.For(purpose).SendsCode;
        var contact = ContactPicker.Primary(sends ? ContactPicker.Reachable(contacts, channels) : contacts);
        if (contact is null)
        {
            return new Error(ErrorCodes.ChannelUnavailable, "This account has no contact to send a code to.");
        }

        var account = attempt.Account!;
        var challengeRequest = new ChallengeRequest(purpose, ChallengeSubject.ForAccount(account.UserId), contact.Destination,
            account.Locale, DeviceName: request.DeviceName ?? DeviceNames.FromUserAgent(attempt.Client.UserAgent), ClientIp: attempt.Client.Ip);
        var challenge = sends
            ? await SendCodeAsync(tx, challengeRequest, account.UserId, attempt.Client.Ip, ct)
            : await engine.OpenWithoutSendingAsync(tx, challengeRequest, ct);
        if (challenge.IsSuccess)
        {
            attempt.Awaits(challenge.Value, [.. usable.Where(m => m.Opens == purpose).Select(m => m.Name)]);
        }

        return challenge;
    }

    /// <summary>
    /// Signing in again while a code is on its way sends that code again rather than a second one (the first
    /// would stop working, and every new code would use up the contact's send budget).
    /// </summary>
    private async Task<Result<Challenge>> SendCodeAsync(IStoreSession tx, ChallengeRequest request, long userId, string? ip, CancellationToken ct)
    {
        var origin = new SendOrigin(userId, ip);
        var reuseKey = reuseKeys.SignIn(userId, request.Destination);
        return await engine.FindReusableAsync(tx, reuseKey, ct) is { } pending
            ? await engine.ResendReusedAsync(tx, pending, origin, ct)
            : await engine.IssueAsync(tx, request with { ReuseKey = reuseKey }, origin, ct);
    }

    /// <summary>The sign-in challenges some method can answer.</summary>
    private ChallengeScope CompletableScope() =>
        ChallengeScope.Account([.. Enum.GetValues<ChallengePurpose>().Where(p => methods.Any(m => m.Answers(p)))]);
}
