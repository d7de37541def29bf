using Verigate.Core.Challenges;
using Verigate.Core.Results;
using Verigate.Core.Sessions;
using Verigate.Core.Storage;

namespace Verigate.Core.Passkeys;

/// <summary>
/// Sign-in with a passkey alone (no username typed): the edge verified the assertion's signature against the stored
/// public key with user verification required; here the counter's compare-and-set makes the assertion count once,
/// and the device gets a session. A user-verified passkey is possession plus a PIN or biometric: two factors.
/// </summary>
public sealed class PasskeySignIn(IStore store, SessionIssuer sessions, SecurityAlerts.NewDeviceAlerts alerts)
{
    public async Task<Result<IssuedSession>> SignInAsync(PasskeyUse use, bool trustDevice, ClientContext client, CancellationToken ct)
    {
        await using var tx = await store.BeginWriteAsync(ct);
        var passkey = await tx.Passkeys.FindAsync(use.CredentialId, ct);
        if (passkey is null || !await tx.Passkeys.TryRecordUseAsync(use.CredentialId, use.SignCount, use.BackedUp, use.At, ct))
        {
            return new Error(ErrorCodes.InvalidCredentials, "This passkey was not accepted.");
        }

        // A sign-in support locked stays locked for a passkey too; said only to the passkey's owner, like LoginFlow does.
        if (await tx.Support.IsSignInLockedAsync(passkey.UserId, ct))
        {
            return new Error(ErrorCodes.SignInLocked, "Sign-in to this account is locked by support. Contact support to unlock it.");
        }

        var session = await sessions.SignInNewDeviceAsync(tx, passkey.UserId, client.UserAgent, trustDevice, client, ct);
        var contacts = await tx.Accounts.ContactsOfAsync(passkey.UserId, ct);
        await alerts.QueueAsync(tx, passkey.UserId, contacts, client.UserAgent, use.At, ct);
        await tx.FailureCounters.ClearAsync(FailureScopes.ClearedBySignIn(passkey.UserId, contacts), ct);
        await tx.CommitAsync(ct);
        return session;
    }
}
