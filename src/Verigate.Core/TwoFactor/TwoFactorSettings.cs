using Verigate.Core.Audit;
using Verigate.Core.Challenges;
using Verigate.Core.Notices;
using Verigate.Core.Results;
using Verigate.Core.Sessions;
using Verigate.Core.Storage;

namespace Verigate.Core.TwoFactor;

/// <summary>
/// Turning the authenticator app on and off and renewing recovery codes. Every change needs a fresh session;
/// turning it off also needs a current factor; every change tells every verified contact.
/// </summary>
public sealed class TwoFactorSettings(
    IStore store,
    ISecretProtector protector,
    RecoveryCodes recoveryCodes,
    SecondFactors secondFactors,
    AccountFailures failures,
    SessionFreshness freshness,
    TimeProvider time)
{
    public async Task<Result<TotpEnrolment>> StartTotpAsync(long userId, DateTimeOffset sessionAuthenticatedAt, string issuer, ClientContext client, CancellationToken ct)
    {
        if (freshness.Require(sessionAuthenticatedAt) is { } stale)
        {
            return stale;
        }

        var secret = Totp.NewSecret();
        await using var tx = await store.BeginWriteAsync(ct);
        var account = await tx.Accounts.GetAsync(userId, ct);
        if (account is null)
        {
            return new Error(ErrorCodes.Unauthorized, "Sign in again.");
        }

        if (!await tx.AuthenticatorKeys.TrySetPendingAsync(userId, protector.Protect(secret), time.GetUtcNow(), ct))
        {
            return new Error(ErrorCodes.TotpAlreadyEnabled, "The authenticator app is already on; turn it off first to enrol another.");
        }

        await tx.Audit.AppendAsync(new AuditEvent(time.GetUtcNow(), AuditEventTypes.TotpEnrolmentStarted, userId, ClientIp: client.Ip), ct);
        await tx.CommitAsync(ct);
        var encoded = Base32.Encode(secret);
        return new TotpEnrolment(encoded, OtpauthUri(issuer, account.Username, encoded));
    }

    /// <summary>The first right code activates the pending key and returns a new set of recovery codes, shown once.</summary>
    public async Task<Result<IReadOnlyList<string>>> ConfirmTotpAsync(long userId, string code, ClientContext client, CancellationToken ct)
    {
        await using var tx = await store.BeginWriteAsync(ct);
        if (await failures.LockedAsync(tx, FailureScopes.SecondFactor(userId), ct) is { } locked)
        {
            return locked;
        }

        var key = await tx.AuthenticatorKeys.GetAsync(userId, ct);
        if (key is not { IsActive: false })
        {
            return new Error(ErrorCodes.TotpNotEnrolling, "There is no authenticator-app enrolment waiting for its first code.");
        }

        var now = time.GetUtcNow();
        var secret = protector.Unprotect(key.ProtectedSecret);
        if (secret is null || Totp.Match(secret, code, now, key.LastUsedStep) is not { } step || !await tx.AuthenticatorKeys.TryUseStepAsync(userId, step, now, ct))
        {
            await failures.CountAsync(tx, FailureScopes.SecondFactor(userId), userId, client.Ip, ct);
            await tx.CommitAsync(ct);
            return new Error(ErrorCodes.CodeIncorrect, "The code is not correct.", "code");
        }

        var codes = await ReplaceRecoveryCodesAsync(tx, userId, now, ct);
        await failures.ClearAsync(tx, userId, ct);
        await tx.Audit.AppendAsync(new AuditEvent(now, AuditEventTypes.TotpEnabled, userId, ClientIp: client.Ip), ct);
        await NoticeAsync(tx, userId, SecurityNotices.TotpEnabled, now, ct);
        await SecondFactorEvents.PublishAsync(tx, userId, SecondFactorEvents.TotpEnabled, codes.Count, now, ct);
        await tx.CommitAsync(ct);
        return Codes(codes);
    }

    public async Task<Result<bool>> DisableTotpAsync(long userId, DateTimeOffset sessionAuthenticatedAt, SecondFactorAnswer answer, ClientContext client, CancellationToken ct)
    {
        if (freshness.Require(sessionAuthenticatedAt) is { } stale)
        {
            return stale;
        }

        await using var tx = await store.BeginWriteAsync(ct);
        if (await failures.LockedAsync(tx, FailureScopes.SecondFactor(userId), ct) is { } locked)
        {
            return locked;
        }

        if (!(await secondFactors.StatusAsync(tx, userId, ct)).Totp)
        {
            return new Error(ErrorCodes.TwoFactorNotEnabled, "The authenticator app is not on.");
        }

        var account = await tx.Accounts.GetAsync(userId, ct);
        if (!await secondFactors.ProveAsync(tx, userId, answer, account?.Locale ?? "en", client.Ip, ct))
        {
            await failures.CountAsync(tx, FailureScopes.SecondFactor(userId), userId, client.Ip, ct);
            await tx.CommitAsync(ct);
            return new Error(ErrorCodes.CodeIncorrect, "The code is not correct.", answer.Field);
        }

        var now = time.GetUtcNow();
        await tx.AuthenticatorKeys.DeleteAsync(userId, ct);
        await tx.RecoveryCodes.DeleteAllAsync(userId, ct);
        await failures.ClearAsync(tx, userId, ct);
        await tx.Audit.AppendAsync(new AuditEvent(now, AuditEventTypes.TotpDisabled, userId, ClientIp: client.Ip), ct);
        await NoticeAsync(tx, userId, SecurityNotices.TotpDisabled, now, ct);
        await SecondFactorEvents.PublishAsync(tx, userId, SecondFactorEvents.TotpDisabled, 0, now, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<Result<IReadOnlyList<string>>> RegenerateRecoveryCodesAsync(long userId, DateTimeOffset sessionAuthenticatedAt, ClientContext client, CancellationToken ct)
    {
        if (freshness.Require(sessionAuthenticatedAt) is { } stale)
        {
            return stale;
        }

        await using var tx = await store.BeginWriteAsync(ct);
        if (!(await secondFactors.StatusAsync(tx, userId, ct)).Totp)
        {
            return new Error(ErrorCodes.TwoFactorNotEnabled, "Recovery codes exist only while the authenticator app is on.");
        }

        var now = time.GetUtcNow();
        var codes = await ReplaceRecoveryCodesAsync(tx, userId, now, ct);
        await tx.Audit.AppendAsync(new AuditEvent(now, AuditEventTypes.RecoveryCodesGenerated, userId, ClientIp: client.Ip), ct);
        await NoticeAsync(tx, userId, SecurityNotices.RecoveryCodesRegenerated, now, ct);
        await SecondFactorEvents.PublishAsync(tx, userId, SecondFactorEvents.RecoveryCodesRegenerated, codes.Count, now, ct);
        await tx.CommitAsync(ct);
        return Codes(codes);
    }

    private async Task<IReadOnlyList<string>> ReplaceRecoveryCodesAsync(IStoreSession tx, long userId, DateTimeOffset now, CancellationToken ct)
    {
        var codes = RecoveryCodes.Generate();
        await tx.RecoveryCodes.ReplaceAsync(userId, [.. codes.Select(c => recoveryCodes.Hash(userId, c)!)], now, ct);
        return codes;
    }

    private static async Task NoticeAsync(IStoreSession tx, long userId, string template, DateTimeOffset now, CancellationToken ct)
    {
        var locale = (await tx.Accounts.GetAsync(userId, ct))?.Locale ?? "en";
        await SecurityNotices.QueueAsync(tx, userId, template, null, locale, now, ct);
    }

    private static Result<IReadOnlyList<string>> Codes(IReadOnlyList<string> codes) => Result<IReadOnlyList<string>>.Success(codes);

    /// <summary>Key URI format (google-authenticator wiki): issuer both as label prefix and parameter.</summary>
    public static string OtpauthUri(string issuer, string username, string base32Secret)
    {
        var i = Uri.EscapeDataString(issuer);
        return $"otpauth://totp/{i}:{Uri.EscapeDataString(username)}?secret={base32Secret}&issuer={i}&algorithm=SHA1&digits={Totp.Digits}&period={(int)Totp.Step.TotalSeconds}";
    }
}
