using Verigate.Core.Audit;
using Verigate.Core.Destinations;
using Verigate.Core.Results;
using Verigate.Core.Storage;

namespace Verigate.Core.Challenges;

/// <summary>Checking codes: attempts used before comparing, single use, and the per-account lock on wrong codes.</summary>
public sealed partial class ChallengeEngine
{
    /// <summary>
    /// Checks a code. The attempt is used before comparing, and a wrong code is recorded, so the caller must
    /// commit the session whatever the result.
    /// </summary>
    public async Task<Result<Challenge>> CheckAsync(IStoreSession tx, string id, ChallengeScope scope, string code, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var challenge = await FindAsync(tx, id, scope, ct);
        if (challenge is null)
        {
            return Error.NotFound();
        }

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

        var userId = challenge.Subject.Kind == SubjectKind.Account && !IsDecoy(challenge) ? challenge.Subject.UserId : (long?)null;
        var lockKey = CodeEntryLockKey(challenge);
        var lockedUntil = lockKey is not null
            ? await tx.CodeEntryLocks.LockedUntilAsync(lockKey, ct)
            : userId is { } uid ? (await tx.Accounts.GetAsync(uid, ct))?.CheckLockedUntil : null;
        if (lockedUntil is { } until && until > now)
        {
            // Worded the same for every flow, and keyed so that a decoy answers exactly like a real challenge.
            var retryAfter = until - now > limits.CheckLockMax ? limits.CheckLockMax : until - now;
            return new Error(ErrorCodes.RateLimited, "Code entry is locked after too many wrong codes.", RetryAfter: retryAfter);
        }

        var attemptsUsed = await tx.Challenges.TryUseAttemptAsync(id, now, ct);
        if (attemptsUsed is null)
        {
            // Another request used the last attempt or ended the challenge between our read and our update.
            var current = await tx.Challenges.GetAsync(id, ct);
            return current is { Status: ChallengeStatus.MaxAttemptsReached } or { Status: ChallengeStatus.Pending, AttemptsRemaining: 0 }
                ? TooManyAttempts()
                : Error.NotFound();
        }

        if (code.Length == challenge.CodeLength && hasher.Matches(challenge, code))
        {
            if (!await tx.Challenges.TryEndAsync(id, ChallengeStatus.Approved, now, ct))
            {
                return Error.NotFound();
            }

            await ClearFailuresAsync(tx, challenge, lockKey, userId, ct);

            await AuditAsync(tx, challenge, AuditEventTypes.ChallengeApproved, now, null, ct);
            return challenge with { Status = ChallengeStatus.Approved, AttemptsUsed = attemptsUsed.Value, ProtectedCode = null };
        }

        var remaining = Math.Max(0, challenge.MaxAttempts - attemptsUsed.Value);
        await AuditAsync(tx, challenge, AuditEventTypes.ChallengeCheckFailed, now, $"attempts_remaining={remaining}", ct);
        if (remaining == 0)
        {
            await EndAsync(tx, challenge, ChallengeStatus.MaxAttemptsReached, now, ct);
        }

        if (lockKey is not null)
        {
            await CountKeyedFailureAsync(tx, challenge, lockKey, now, ct);
        }
        else if (userId is { } failedUser)
        {
            await CountAccountFailureAsync(tx, challenge, failedUser, now, ct);
        }

        return new Error(ErrorCodes.CodeIncorrect, "The code is not correct.", "code", AttemptsRemaining: remaining);
    }

    /// <summary>
    /// Answers, from a read, a check whose outcome is already decided — unknown, ended or out of attempts — so
    /// such checks (most of a guessing attack) never queue for the writer. Null means: check it for real.
    /// </summary>
    public async Task<Error?> RefuseEarlyAsync(IStore store, string id, ChallengeScope scope, CancellationToken ct)
    {
        await using var read = await store.OpenReadAsync(ct);
        var challenge = await FindAsync(read, id, scope, ct);
        return challenge?.StatusAt(time.GetUtcNow()) switch
        {
            null => Error.NotFound(),
            ChallengeStatus.MaxAttemptsReached => TooManyAttempts(),
            ChallengeStatus.Pending when challenge.AttemptsRemaining == 0 => TooManyAttempts(),
            ChallengeStatus.Pending => null,
            _ => Error.NotFound(),
        };
    }

    /// <summary>
    /// Which wrong-code counter a challenge feeds, kept apart per factor and flow: a password reset (which anyone
    /// can start) counts against the destination its code went to, real or decoy alike, so it never locks the
    /// owner's sign-in; a Verify API check counts against the API key and destination. Null: the sign-in flow's
    /// counter on the account (sign-up, new device, step-up, contact change: the caller proved the password).
    /// </summary>
    public static string? CodeEntryLockKey(Challenge challenge) => challenge.Purpose switch
    {
        ChallengePurpose.PasswordReset => ResetLockKey(challenge.Destination),
        ChallengePurpose.VerifyApi => $"verify:{challenge.Subject.Id}:{challenge.Destination.Channel.ToWire()}:{challenge.Destination.Value}",
        _ => null,
    };

    public static string ResetLockKey(Destination destination) => $"reset:{destination.Channel.ToWire()}:{destination.Value}";

    private async Task ClearFailuresAsync(IStoreSession tx, Challenge challenge, string? lockKey, long? userId, CancellationToken ct)
    {
        if (lockKey is not null)
        {
            await tx.CodeEntryLocks.ClearAsync(lockKey, ct);
        }

        if (userId is not { } owner)
        {
            return;
        }

        // The owner proved themselves: a completed reset also lifts the sign-in lock, and a completed sign-in the
        // reset locks of the account's contacts. That is how a lock at the hard limit ends.
        await tx.Accounts.ResetCheckFailuresAsync(owner, ct);
        if (challenge.Purpose != ChallengePurpose.PasswordReset)
        {
            foreach (var contact in await tx.Accounts.ContactsOfAsync(owner, ct))
            {
                await tx.CodeEntryLocks.ClearAsync(ResetLockKey(contact.Destination), ct);
            }
        }
    }

    private async Task CountAccountFailureAsync(IStoreSession tx, Challenge challenge, long userId, DateTimeOffset now, CancellationToken ct)
    {
        var failures = await tx.Accounts.AddCheckFailureAsync(userId, ct);
        if (LockUntil(failures, limits.CheckFailuresBeforeLock, now, hardLimit: true) is { } until)
        {
            await tx.Accounts.LockCodeEntryAsync(userId, until, ct);
            await AuditAsync(tx, challenge, AuditEventTypes.CodeEntryLocked, now, $"failures={failures} locked_until={until:O}", ct);
        }
    }

    private async Task CountKeyedFailureAsync(IStoreSession tx, Challenge challenge, string key, DateTimeOffset now, CancellationToken ct)
    {
        var failures = await tx.CodeEntryLocks.AddFailureAsync(key, ct);
        var isVerifyApi = challenge.Purpose == ChallengePurpose.VerifyApi;
        var threshold = isVerifyApi ? limits.VerifyCheckFailuresBeforeLock : limits.CheckFailuresBeforeLock;
        // The hard limit is for our own accounts' authenticators, which the owner can unlock by another flow; a
        // Verify API destination has no other flow, so it stays on the capped backoff instead of locking for good.
        if (LockUntil(failures, threshold, now, hardLimit: !isVerifyApi) is { } until)
        {
            await tx.CodeEntryLocks.LockAsync(key, until, ct);
            await AuditAsync(tx, challenge, AuditEventTypes.CodeEntryLocked, now, $"failures={failures} locked_until={until:O}", ct);
        }
    }

    /// <summary>
    /// Exponential backoff after the threshold; at NIST SP 800-63B's hard limit of consecutive failures the lock
    /// no longer ends by itself, only when the owner proves themselves by another flow.
    /// </summary>
    private DateTimeOffset? LockUntil(int failures, int threshold, DateTimeOffset now, bool hardLimit)
    {
        if (hardLimit && failures >= limits.CheckFailuresHardLimit)
        {
            return DateTimeOffset.MaxValue;
        }

        var lockFor = limits.CheckLockFor(failures, threshold);
        return lockFor > TimeSpan.Zero ? now + lockFor : null;
    }

    private static async Task EndAsync(IStoreSession tx, Challenge challenge, ChallengeStatus status, DateTimeOffset now, CancellationToken ct)
    {
        if (await tx.Challenges.TryEndAsync(challenge.Id, status, now, ct) && status == ChallengeStatus.MaxAttemptsReached)
        {
            await AuditAsync(tx, challenge, AuditEventTypes.ChallengeExhausted, now, null, ct);
        }
    }

    private static Error TooManyAttempts() =>
        new(ErrorCodes.TooManyAttempts, "Too many wrong codes; this code can no longer be used. Ask for a new one.");
}
