using Verigate.Core.Audit;
using Verigate.Core.Challenges;
using Verigate.Core.Notices;
using Verigate.Core.Passkeys;
using Verigate.Core.Storage;

namespace Verigate.Core.TwoFactor;

/// <summary>
/// Proves a second factor inside the caller's write transaction: a TOTP step is taken with a compare-and-set (once
/// per account), a recovery code with a conditional update (once, ever). Used by sign-in, reset, re-authentication
/// and turning the factor off, so all of them follow the same rules.
/// </summary>
public sealed class SecondFactors(ISecretProtector protector, RecoveryCodes recoveryCodes, TimeProvider time)
{
    public async Task<TwoFactorStatus> StatusAsync(IStoreSession s, long userId, CancellationToken ct)
    {
        var key = await s.AuthenticatorKeys.GetAsync(userId, ct);
        var active = key is { IsActive: true };
        return new TwoFactorStatus(active, await s.Passkeys.CountAsync(userId, ct), active ? await s.RecoveryCodes.CountRemainingAsync(userId, ct) : 0);
    }

    /// <summary>True when the answer is right and was not used before; the use is recorded in <paramref name="tx"/>.</summary>
    public async Task<bool> ProveAsync(IStoreSession tx, long userId, SecondFactorAnswer answer, string locale, string? clientIp, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (await tx.FailureCounters.GetAsync(FailureScopes.SecondFactor(userId), ct) is { LockedUntil: { } until } && until > now)
        {
            return false; // while the factor is locked by wrong answers, even a right one does not pass
        }

        if (answer.Kind == SecondFactorKind.Passkey)
        {
            // The signature was verified at the edge; here: the passkey is this account's, and the use counts once.
            return PasskeyUse.FromAnswerValue(answer.Value, now) is { } use
                && await tx.Passkeys.FindAsync(use.CredentialId, ct) is { } passkey && passkey.UserId == userId
                && await tx.Passkeys.TryRecordUseAsync(use.CredentialId, use.SignCount, use.BackedUp, now, ct);
        }

        var key = await tx.AuthenticatorKeys.GetAsync(userId, ct);
        if (key is not { IsActive: true })
        {
            return false;
        }

        if (answer.Kind == SecondFactorKind.Totp)
        {
            var secret = protector.Unprotect(key.ProtectedSecret);
            return secret is not null
                && Totp.Match(secret, answer.Value, now, key.LastUsedStep) is { } step
                && await tx.AuthenticatorKeys.TryUseStepAsync(userId, step, now, ct);
        }

        if (recoveryCodes.Hash(userId, answer.Value) is not { } hash || !await tx.RecoveryCodes.TryUseAsync(userId, hash, now, ct))
        {
            return false;
        }

        var remaining = await tx.RecoveryCodes.CountRemainingAsync(userId, ct);
        await tx.Audit.AppendAsync(new AuditEvent(now, AuditEventTypes.RecoveryCodeUsed, userId, ClientIp: clientIp, Detail: $"remaining={remaining}"), ct);
        await SecurityNotices.QueueAsync(tx, userId, SecurityNotices.RecoveryCodeUsed(remaining), null, locale, now, ct);
        await SecondFactorEvents.PublishAsync(tx, userId, SecondFactorEvents.RecoveryCodeUsed, remaining, now, ct);
        return true;
    }
}
