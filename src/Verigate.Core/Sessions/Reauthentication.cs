using Verigate.Core.Accounts;
using Verigate.Core.Audit;
using Verigate.Core.Challenges;
using Verigate.Core.Results;
using Verigate.Core.Storage;
using Verigate.Core.TwoFactor;

namespace Verigate.Core.Sessions;

/// <summary>
/// Re-authentication: the password again, plus a second factor when the account has one, makes the current
/// session fresh for sensitive changes. Wrong answers count against the account like wrong codes.
/// </summary>
public sealed class Reauthentication(
    IStore store,
    PasswordHasher passwords,
    SecondFactors secondFactors,
    AccountFailures failures,
    SessionFreshness freshness,
    TimeProvider time)
{
    public async Task<Result<DateTimeOffset>> ReauthenticateAsync(
        long userId, string sessionId, string password, SecondFactorAnswer? answer, ClientContext client, CancellationToken ct)
    {
        Account? account;
        await using (var read = await store.OpenReadAsync(ct))
        {
            account = await read.Accounts.GetAsync(userId, ct);
            if (account is null)
            {
                return new Error(ErrorCodes.Unauthorized, "Sign in again.");
            }

            if ((await failures.LockedAsync(read, FailureScopes.Reauthentication(userId), ct) ?? await failures.LockedAsync(read, FailureScopes.SecondFactor(userId), ct)) is { } locked)
            {
                return locked;
            }
        }

        var passwordOk = passwords.Verify(password, account.PasswordHash); // slow on purpose: outside the write transaction
        await using var tx = await store.BeginWriteAsync(ct);
        if (!passwordOk)
        {
            await failures.CountAsync(tx, FailureScopes.Reauthentication(userId), userId, client.Ip, ct);
            await tx.CommitAsync(ct);
            return new Error(ErrorCodes.InvalidCredentials, "The password is not correct.", "password");
        }

        if ((await secondFactors.StatusAsync(tx, userId, ct)).Any)
        {
            if (answer is null)
            {
                return new Error(ErrorCodes.SecondFactorRequired, "This account has a second factor: send 'totp' or 'recoveryCode' too.", "totp");
            }

            if (!await secondFactors.ProveAsync(tx, userId, answer, account.Locale, client.Ip, ct))
            {
                await failures.CountAsync(tx, FailureScopes.SecondFactor(userId), userId, client.Ip, ct);
                await tx.CommitAsync(ct);
                return new Error(ErrorCodes.CodeIncorrect, "The code is not correct.", answer.Field);
            }
        }

        var now = time.GetUtcNow();
        if (!await tx.Sessions.MarkAuthenticatedAsync(sessionId, now, ct))
        {
            return new Error(ErrorCodes.Unauthorized, "Sign in again.");
        }

        await failures.ClearAsync(tx, userId, ct);
        await tx.Audit.AppendAsync(new AuditEvent(now, AuditEventTypes.Reauthenticated, userId, ClientIp: client.Ip), ct);
        await tx.CommitAsync(ct);
        return freshness.FreshUntil(now);
    }
}
