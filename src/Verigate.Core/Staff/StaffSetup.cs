using Verigate.Core.Accounts;
using Verigate.Core.Audit;
using Verigate.Core.Identifiers;
using Verigate.Core.Results;
using Verigate.Core.Storage;
using Verigate.Core.TwoFactor;

namespace Verigate.Core.Staff;

/// <summary>
/// The single-use setup link of a staff member: the person chooses their password (the same policy as people's)
/// and enrols an authenticator app, confirmed by a first right code. The authenticator secret is sealed at rest and
/// stays the same while the link is open, so reloading the page shows the same key. Unknown, used and expired
/// links all get <c>link_invalid</c>.
/// </summary>
public sealed class StaffSetup(IStore store, PasswordHasher passwords, ISecretProtector protector, TimeProvider time)
{
    public async Task<Result<StaffSetupView>> OpenAsync(string token, string issuer, CancellationToken ct)
    {
        if (!LooksLikeToken(token))
        {
            return Invalid();
        }

        await using var tx = await store.BeginWriteAsync(ct);
        if (await OpenLinkAsync(tx, token, ct) is not (StaffMember staff, StaffCredentials credentials))
        {
            return Invalid();
        }

        var secret = credentials.ProtectedTotpSecret is { } sealedSecret ? protector.Unprotect(sealedSecret) : null;
        if (secret is null)
        {
            secret = Totp.NewSecret();
            await tx.Staff.SetPendingTotpAsync(staff.Id, protector.Protect(secret), ct);
        }

        await tx.CommitAsync(ct);
        var encoded = Base32.Encode(secret);
        return new StaffSetupView(staff.Name, new TotpEnrolment(encoded, TwoFactorSettings.OtpauthUri(issuer + " console", staff.Name, encoded)));
    }

    public async Task<Result<StaffMember>> CompleteAsync(string token, string? password, string? code, ClientContext client, CancellationToken ct)
    {
        if (!LooksLikeToken(token))
        {
            return Invalid();
        }

        var now = time.GetUtcNow();
        await using var tx = await store.BeginWriteAsync(ct);
        if (await OpenLinkAsync(tx, token, ct) is not (StaffMember staff, StaffCredentials credentials))
        {
            return Invalid();
        }

        if (PasswordPolicy.Validate(password, staff.Name) is { } weak)
        {
            return weak;
        }

        var secret = credentials.ProtectedTotpSecret is { } sealedSecret ? protector.Unprotect(sealedSecret) : null;
        if (secret is null || Totp.Match(secret, code ?? string.Empty, now, null) is not { } step)
        {
            return new Error(ErrorCodes.CodeIncorrect, "That code did not match the key shown; check the app's clock and try the next code.", "code");
        }

        if (!await tx.Staff.TryCompleteSetupAsync(staff.Id, SecureTokens.Hash(token), passwords.Hash(password!), step, now, ct))
        {
            return Invalid();
        }

        await tx.Audit.AppendAsync(new AuditEvent(now, AuditEventTypes.StaffSetUp, Actor: staff.Actor, ClientIp: client.Ip), ct);
        await tx.CommitAsync(ct);
        return staff with { SetUpAt = now };
    }

    private async Task<(StaffMember Staff, StaffCredentials Credentials)?> OpenLinkAsync(IStoreSession s, string token, CancellationToken ct)
    {
        var credentials = await s.Staff.FindBySetupTokenAsync(SecureTokens.Hash(token), ct);
        if (credentials is not { SetupExpiresAt: { } expires } || expires <= time.GetUtcNow())
        {
            return null;
        }

        var staff = await s.Staff.GetAsync(credentials.StaffId, ct);
        return staff is { IsDisabled: false } ? (staff, credentials) : null;
    }

    private static bool LooksLikeToken(string? token) =>
        token is { Length: > 4 and <= 64 } && token.StartsWith(StaffSetupLink.TokenPrefix, StringComparison.Ordinal);

    private static Error Invalid() => new(ErrorCodes.LinkInvalid, "This setup link is not valid: it was already used, it expired, or it was never issued.");
}
