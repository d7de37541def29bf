using Verigate.Core.Accounts;
using Verigate.Core.Audit;
using Verigate.Core.Identifiers;
using Verigate.Core.RateLimiting;
using Verigate.Core.Results;
using Verigate.Core.Storage;
using Verigate.Core.TwoFactor;

namespace Verigate.Core.Staff;

/// <summary>
/// Console sign-in: the staff member's own password plus a code from their authenticator app, never a code sent by
/// SMS or email. Charged against the same per-name and per-IP budgets as people's sign-in, and locked after
/// consecutive failures like a code is; unknown names, disabled staff, a wrong password and a wrong code all get the
/// same <c>invalid_credentials</c> answer after the same password-hashing work, so the page says nothing about
/// which names exist. Every success and failure is audited.
/// </summary>
public sealed class StaffSignIn(
    IStore store, PasswordHasher passwords, ISecretProtector protector, RateLimiter limiter, RateLimitOptions limits, TimeProvider time)
{
    /// <summary>The consecutive-failure counter of a staff name (known or not).</summary>
    public static string FailureScope(string name) => "staff:" + StaffDirectory.Normalize(name);

    public async Task<Result<IssuedStaffSession>> SignInAsync(string? name, string? password, string? code, ClientContext client, CancellationToken ct)
    {
        var normalized = StaffDirectory.Normalize(name ?? string.Empty);
        if (!StaffDirectory.IsValidName(normalized) || string.IsNullOrEmpty(password) || password.Length > PasswordPolicy.MaxLength)
        {
            passwords.VerifyDecoy(password ?? string.Empty);
            return Refused();
        }

        // Counted before anything else and for every name, known or not, so the limit itself reveals nothing.
        await using (var limitTx = await store.BeginWriteAsync(ct))
        {
            var charges = new List<RateLimitCharge> { new("staff-login:name:" + normalized, limits.LoginsPerAccount) };
            if (client.Ip is not null)
            {
                charges.Add(new("staff-login:ip:" + client.Ip, limits.LoginsPerIp));
            }

            if (await limiter.TryChargeAsync(limitTx, charges, ct) is { } limited)
            {
                return limited;
            }

            await limitTx.CommitAsync(ct);
        }

        var now = time.GetUtcNow();
        await using var tx = await store.BeginWriteAsync(ct);
        var scope = FailureScope(normalized);
        if (await tx.FailureCounters.GetAsync(scope, ct) is { LockedUntil: { } until } && until > now)
        {
            passwords.VerifyDecoy(password);
            await tx.Audit.AppendAsync(new AuditEvent(now, AuditEventTypes.StaffSignInFailed, Actor: StaffMember.ActorPrefix + normalized, ClientIp: client.Ip, Detail: "reason=locked"), ct);
            await tx.CommitAsync(ct);
            return new Error(ErrorCodes.RateLimited, "Sign-in is paused after too many failures; try again later.", RetryAfter: until - now);
        }

        var staff = await tx.Staff.FindByNameAsync(normalized, ct);
        var credentials = staff is { CanSignIn: true } ? await tx.Staff.GetCredentialsAsync(staff.Id, ct) : null;
        var passwordRight = credentials?.PasswordHash is { } hash ? passwords.Verify(password, hash) : passwords.VerifyDecoy(password);
        var secret = credentials?.ProtectedTotpSecret is { } sealedSecret ? protector.Unprotect(sealedSecret) : null;
        var step = secret is not null && code is not null ? Totp.Match(secret, code, now, credentials!.TotpLastStep) : null;
        if (!passwordRight || step is null || !await tx.Staff.TryUseTotpStepAsync(staff!.Id, step.Value, ct))
        {
            await CountFailureAsync(tx, scope, normalized, staff is null ? "unknown" : !staff.CanSignIn ? "not_active" : !passwordRight ? "password" : "code", client, now, ct);
            await tx.CommitAsync(ct);
            return Refused();
        }

        await tx.FailureCounters.ClearAsync([scope], ct);
        var token = SecureTokens.Create("vgc_");
        var session = new StaffSession(SecureTokens.Create("ss_", 16), staff.Id, SecureTokens.Hash(token), now, now);
        await tx.Staff.InsertSessionAsync(session, ct);
        await tx.Audit.AppendAsync(new AuditEvent(now, AuditEventTypes.StaffSignedIn, Actor: staff.Actor, ClientIp: client.Ip, Detail: "session=" + session.Id), ct);
        await tx.CommitAsync(ct);
        return new IssuedStaffSession(token, staff, session);
    }

    private async Task CountFailureAsync(IStoreSession tx, string scope, string name, string reason, ClientContext client, DateTimeOffset now, CancellationToken ct)
    {
        var failures = await tx.FailureCounters.AddAsync(scope, ct);
        // The reason stays in the audit trail, for admins; the person at the form only hears "did not match".
        await tx.Audit.AppendAsync(new AuditEvent(now, AuditEventTypes.StaffSignInFailed, Actor: StaffMember.ActorPrefix + name, ClientIp: client.Ip,
            Detail: $"reason={reason} failures={failures}"), ct);
        var lockFor = limits.CheckLockFor(failures);
        if (lockFor > TimeSpan.Zero)
        {
            await tx.FailureCounters.LockAsync(scope, lockFor == TimeSpan.MaxValue ? DateTimeOffset.MaxValue : now + lockFor, ct);
        }
    }

    private static Error Refused() => new(ErrorCodes.InvalidCredentials, "The name, password or authenticator code did not match.");
}
