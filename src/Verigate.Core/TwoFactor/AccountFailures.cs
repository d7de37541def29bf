using Verigate.Core.Audit;
using Verigate.Core.RateLimiting;
using Verigate.Core.Results;
using Verigate.Core.Storage;

namespace Verigate.Core.TwoFactor;

/// <summary>
/// The account's consecutive-failure count and lock for answers given outside a challenge (re-authentication,
/// turning the factor off, confirming enrolment), so those routes are no cheaper to guess through than a challenge.
/// </summary>
public sealed class AccountFailures(RateLimitOptions limits, TimeProvider time)
{
    /// <summary>The rate_limited error while the account's code entry is locked; null otherwise.</summary>
    public async Task<Error?> LockedAsync(IStoreSession s, long userId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await s.Accounts.GetAsync(userId, ct) is { CheckLockedUntil: { } until } && until > now
            ? new Error(ErrorCodes.RateLimited, "Code entry is locked for this account after too many wrong answers.", RetryAfter: until - now)
            : null;
    }

    public async Task CountAsync(IStoreSession tx, long userId, string? clientIp, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var failures = await tx.Accounts.AddCheckFailureAsync(userId, ct);
        await tx.Audit.AppendAsync(new AuditEvent(now, AuditEventTypes.SecondFactorFailed, userId, ClientIp: clientIp, Detail: $"failures={failures}"), ct);
        var lockFor = limits.CheckLockFor(failures);
        if (lockFor > TimeSpan.Zero)
        {
            await tx.Accounts.LockCodeEntryAsync(userId, now + lockFor, ct);
            await tx.Audit.AppendAsync(new AuditEvent(now, AuditEventTypes.CodeEntryLocked, userId, ClientIp: clientIp, Detail: $"failures={failures} locked_for={lockFor}"), ct);
        }
    }
}
