using Verigate.Core.Audit;
using Verigate.Core.Results;
using Verigate.Core.Storage;
using Verigate.Core.Telemetry;

namespace Verigate.Core.Challenges;

/// <summary>Checking codes: attempts used before comparing, single use, and the lock on consecutive wrong codes per factor and flow.</summary>
public sealed partial class ChallengeEngine
{
    /// <summary>
    /// Checks a code. The attempt is used before comparing, and a wrong code is recorded, so the caller must
    /// commit the session whatever the result.
    /// </summary>
    public Task<Result<Challenge>> CheckAsync(IStoreSession tx, string id, ChallengeScope scope, string code, CancellationToken ct) =>
        CheckAsync(tx, id, scope, c => Task.FromResult(CodeMatches(c, code)), "code", ct);

    /// <summary>
    /// <see cref="CheckAsync(IStoreSession, string, ChallengeScope, string, CancellationToken)"/> of a challenge the
    /// caller has just read (<see cref="ReadForCheckAsync"/>), without reading it again: the attempt is still used by
    /// a conditional UPDATE, so a check that raced another one, or a cancel, is decided by the database as before.
    /// </summary>
    public Task<Result<Challenge>> CheckReadAsync(IStoreSession tx, Challenge read, string code, CancellationToken ct) =>
        CheckAsync(tx, read, c => Task.FromResult(CodeMatches(c, code)), "code", ct);

    /// <summary>Whether a sent code is this challenge's, compared in constant time.</summary>
    public bool CodeMatches(Challenge challenge, string code) => code.Length == challenge.CodeLength && hasher.Matches(challenge, code);

    /// <summary>
    /// Checks an answer of any kind (a sent code, a TOTP, a recovery code) with the same rules: the attempt is used
    /// before <paramref name="proves"/> runs, a wrong answer counts against the account, a right one ends the
    /// challenge. The caller must commit the session whatever the result.
    /// </summary>
    public async Task<Result<Challenge>> CheckAsync(
        IStoreSession tx, string id, ChallengeScope scope, Func<Challenge, Task<bool>> proves, string field, CancellationToken ct)
    {
        if (!ChallengeIds.LooksValid(id))
        {
            return Error.NotFound();
        }

        // The usual check — a pending challenge with attempts left and code entry not paused — uses its attempt in the
        // statement that finds it, before anything is compared; any other finds no attempt there and is read to say why.
        var now = time.GetUtcNow();
        if (await tx.Challenges.TryUseAttemptFirstAsync(id, scope, now, ct) is { } attempted)
        {
            // The challenge as a read just before the attempt would have found it.
            var before = attempted.Challenge with { AttemptsUsed = attempted.Used.AttemptsUsed - 1 };
            return await TracedAsync(before, () => AnswerAsync(tx, before, attempted.Used, now, proves, field, ct));
        }

        var challenge = await FindAsync(tx, id, scope, ct);
        return challenge is null ? Error.NotFound() : await CheckAsync(tx, challenge, proves, field, ct);
    }

    private Task<Result<Challenge>> CheckAsync(IStoreSession tx, Challenge challenge, Func<Challenge, Task<bool>> proves, string field, CancellationToken ct) =>
        TracedAsync(challenge, () => CheckCoreAsync(tx, challenge, proves, field, ct));

    /// <summary>A check of <paramref name="challenge"/> as one span, with its outcome.</summary>
    private static async Task<Result<Challenge>> TracedAsync(Challenge challenge, Func<Task<Result<Challenge>>> check)
    {
        using var activity = VerigateTelemetry.StartCheck();
        VerigateTelemetry.Describe(activity, challenge, "checking");
        var result = await check();
        VerigateTelemetry.Describe(activity, null, result.IsSuccess ? "approved" : result.Error.Code);
        return result;
    }

    private async Task<Result<Challenge>> CheckCoreAsync(IStoreSession tx, Challenge challenge, Func<Challenge, Task<bool>> proves, string field, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var id = challenge.Id;
        switch (challenge.StatusAt(now))
        {
            case ChallengeStatus.MaxAttemptsReached:
                return TooManyAttempts();
            case ChallengeStatus.Expired:
                await EndAsync(tx, challenge, ChallengeStatus.Expired, now, ct);
                return Error.NotFound();
            case not ChallengeStatus.Pending:
                return Error.NotFound();
        }

        // The lock on wrong codes is checked by the attempt's own update: one statement, and no guess slips past a
        // lock set between a read and the update.
        var failureKey = FailureScopes.For(challenge);
        if (await tx.Challenges.TryUseAttemptAsync(id, failureKey, now, ct) is not { } used)
        {
            if (await tx.FailureCounters.GetAsync(failureKey, ct) is { LockedUntil: { } until } && until > now)
            {
                // The same words for every flow, account or not: the answer reveals nothing about who is behind the code.
                return new Error(ErrorCodes.RateLimited, "Code entry is paused after too many wrong codes; try again later.", RetryAfter: until - now);
            }

            // Another request used the last attempt or ended the challenge between our read and our update.
            var current = await tx.Challenges.GetAsync(id, ct);
            return current is { Status: ChallengeStatus.MaxAttemptsReached } or { Status: ChallengeStatus.Pending, AttemptsRemaining: 0 }
                ? TooManyAttempts()
                : Error.NotFound();
        }

        return await AnswerAsync(tx, challenge, used, now, proves, field, ct);
    }

    /// <summary>What follows a used attempt: the answer is compared, and a right one ends the challenge, a wrong one counts.</summary>
    private async Task<Result<Challenge>> AnswerAsync(
        IStoreSession tx, Challenge challenge, UsedAttempt used, DateTimeOffset now, Func<Challenge, Task<bool>> proves, string field, CancellationToken ct)
    {
        var id = challenge.Id;
        var failureKey = FailureScopes.For(challenge);
        if (await proves(challenge))
        {
            // The attempt's update holds the row since it found it pending: the end needs no answer from the store.
            await tx.Challenges.EndAfterAttemptAsync(id, ChallengeStatus.Approved, now, ct);

            // Nothing to forget when no failure was counted (the usual case): no statement for it. A failure another
            // check counts meanwhile stays counted (stricter, never laxer).
            if (used.FailuresCounted)
            {
                await tx.FailureCounters.ClearAsync([failureKey], ct);
            }

            await AuditAsync(tx, challenge, AuditEventTypes.ChallengeApproved, now, null, ct);
            await PublishVerificationAsync(tx, challenge with { Status = ChallengeStatus.Approved }, Webhooks.WebhookEventTypes.VerificationApproved, now, ct);
            VerigateTelemetry.Approved(challenge);
            return challenge with { Status = ChallengeStatus.Approved, AttemptsUsed = used.AttemptsUsed, ProtectedCode = null };
        }

        var remaining = Math.Max(0, challenge.MaxAttempts - used.AttemptsUsed);
        await AuditAsync(tx, challenge, AuditEventTypes.ChallengeCheckFailed, now, $"attempts_remaining={remaining}", ct);
        if (remaining == 0)
        {
            await EndAsync(tx, challenge, ChallengeStatus.MaxAttemptsReached, now, ct);
        }

        await CountFailureAsync(tx, challenge, failureKey, now, ct);
        VerigateTelemetry.Failed(challenge, exhausted: remaining == 0);

        return new Error(ErrorCodes.CodeIncorrect, "The code is not correct.", field, AttemptsRemaining: remaining);
    }

    /// <summary>
    /// Answers, from a read, a check whose outcome is already decided — unknown, ended or out of attempts — so
    /// such checks (most of a guessing attack) never queue for the writer. Null means: check it for real.
    /// </summary>
    public async Task<Error?> RefuseEarlyAsync(IStore store, string id, ChallengeScope scope, CancellationToken ct)
    {
        var read = await ReadForCheckAsync(store, id, scope, ct);
        return read.IsSuccess ? null : read.Error;
    }

    /// <summary>
    /// <see cref="RefuseEarlyAsync"/> that also hands back the challenge it read when the check must go ahead, for
    /// <see cref="CheckReadAsync"/>.
    /// </summary>
    public async Task<Result<Challenge>> ReadForCheckAsync(IStore store, string id, ChallengeScope scope, CancellationToken ct)
    {
        await using var read = await store.OpenReadAsync(ct);
        var challenge = await FindAsync(read, id, scope, ct);
        return challenge?.StatusAt(time.GetUtcNow()) switch
        {
            null => Error.NotFound(),
            ChallengeStatus.MaxAttemptsReached => TooManyAttempts(),
            ChallengeStatus.Pending when challenge.AttemptsRemaining == 0 => TooManyAttempts(),
            ChallengeStatus.Pending => challenge,
            _ => Error.NotFound(),
        };
    }

    private async Task CountFailureAsync(IStoreSession tx, Challenge challenge, string failureKey, DateTimeOffset now, CancellationToken ct)
    {
        var failures = await tx.FailureCounters.AddAsync(failureKey, ct);
        var lockFor = limits.CheckLockFor(failures, FailureScopes.IsVerifyApi(challenge));
        if (lockFor > TimeSpan.Zero)
        {
            // Past the hard limit the lock has no end: it lifts only when the owner proves themselves another way.
            var until = lockFor == TimeSpan.MaxValue ? DateTimeOffset.MaxValue : now + lockFor;
            await tx.FailureCounters.LockAsync(failureKey, until, ct);
            await AuditAsync(tx, challenge, AuditEventTypes.CodeEntryLocked, now,
                lockFor == TimeSpan.MaxValue ? $"failures={failures} locked_until_cleared" : $"failures={failures} locked_for={lockFor}", ct);
        }
    }

    private static async Task EndAsync(IStoreSession tx, Challenge challenge, ChallengeStatus status, DateTimeOffset now, CancellationToken ct)
    {
        if (!await tx.Challenges.TryEndAsync(challenge.Id, status, now, ct))
        {
            return;
        }

        if (status == ChallengeStatus.MaxAttemptsReached)
        {
            await AuditAsync(tx, challenge, AuditEventTypes.ChallengeExhausted, now, null, ct);
        }

        await PublishVerificationAsync(tx, challenge with { Status = status }, status == ChallengeStatus.MaxAttemptsReached
            ? Webhooks.WebhookEventTypes.VerificationMaxAttemptsReached
            : Webhooks.WebhookEventTypes.VerificationExpired, now, ct);
    }

    private static Error TooManyAttempts() =>
        new(ErrorCodes.TooManyAttempts, "Too many wrong codes; this code can no longer be used. Ask for a new one.");
}
