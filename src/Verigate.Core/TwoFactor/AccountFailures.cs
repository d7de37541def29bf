using Verigate.Core.Audit;
using Verigate.Core.Challenges;
using Verigate.Core.RateLimiting;
using Verigate.Core.Results;
using Verigate.Core.Storage;

namespace Verigate.Core.TwoFactor;

/// <summary>
/// The consecutive-failure counters (<see cref="FailureScopes"/>) for answers given outside a challenge
/// (re-authentication, turning the factor off, confirming enrolment, the factor in a reset), so those routes
/// lock like a challenge does.
/// </summary>
public sealed class AccountFailures(RateLimitOptions limits, TimeProvider time)
{
    /// <summary>The rate_limited error while the counter under <paramref name="key"/> is locked; null otherwise.</summary>
    public async Task<Error?> LockedAsync(IStoreSession s, string key, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await s.FailureCounters.GetAsync(key, ct) is { LockedUntil: { } until } && until > now
            ? new Error(ErrorCodes.RateLimited, "Code entry is paused after too many wrong answers; try again later.", RetryAfter: until - now)
            : null;
    }

    public async Task CountAsync(IStoreSession tx, string key, long userId, string? clientIp, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var failures = await tx.FailureCounters.AddAsync(key, ct);
        await tx.Audit.AppendAsync(new AuditEvent(now, AuditEventTypes.SecondFactorFailed, userId, ClientIp: clientIp, Detail: $"failures={failures}"), ct);
        var lockFor = limits.CheckLockFor(failures);
        if (lockFor > TimeSpan.Zero)
        {
            var until = lockFor == TimeSpan.MaxValue ? DateTimeOffset.MaxValue : now + lockFor;
            await tx.FailureCounters.LockAsync(key, until, ct);
            await tx.Audit.AppendAsync(new AuditEvent(now, AuditEventTypes.CodeEntryLocked, userId, ClientIp: clientIp,
                Detail: lockFor == TimeSpan.MaxValue ? $"failures={failures} locked_until_cleared" : $"failures={failures} locked_for={lockFor}"), ct);
        }
    }

    public Task ClearAsync(IStoreSession tx, long userId, CancellationToken ct) =>
        tx.FailureCounters.ClearAsync([FailureScopes.SecondFactor(userId), FailureScopes.Reauthentication(userId)], ct);
}
