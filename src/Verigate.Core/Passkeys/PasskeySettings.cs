using Verigate.Core.Audit;
using Verigate.Core.Notices;
using Verigate.Core.Results;
using Verigate.Core.Sessions;
using Verigate.Core.Storage;

namespace Verigate.Core.Passkeys;

/// <summary>
/// The signed-in person's passkeys: add (after the WebAuthn ceremony was verified at the edge), rename, remove.
/// Adding and removing change how the account can be entered, so they need a fresh session, like the authenticator app.
/// </summary>
public sealed class PasskeySettings(IStore store, SessionFreshness freshness, TimeProvider time)
{
    public const int MaxNameLength = 60;

    public async Task<IReadOnlyList<Passkey>> ListAsync(long userId, CancellationToken ct)
    {
        await using var read = await store.OpenReadAsync(ct);
        return await read.Passkeys.ListAsync(userId, ct);
    }

    public async Task<Passkey?> FindAsync(byte[] credentialId, CancellationToken ct)
    {
        await using var read = await store.OpenReadAsync(ct);
        return await read.Passkeys.FindAsync(credentialId, ct);
    }

    public async Task<Result<Passkey>> AddAsync(Passkey passkey, DateTimeOffset sessionAuthenticatedAt, ClientContext client, CancellationToken ct)
    {
        if (freshness.Require(sessionAuthenticatedAt) is { } stale)
        {
            return stale;
        }

        await using var tx = await store.BeginWriteAsync(ct);
        if (!await tx.Passkeys.TryAddAsync(passkey, ct))
        {
            return new Error(ErrorCodes.PasskeyExists, "This passkey is already registered.");
        }

        await tx.Audit.AppendAsync(new AuditEvent(time.GetUtcNow(), AuditEventTypes.PasskeyAdded, passkey.UserId, ClientIp: client.Ip, Detail: $"name={passkey.Name}"), ct);
        await NoticeAsync(tx, passkey.UserId, SecurityNotices.PasskeyAdded, ct);
        await tx.CommitAsync(ct);
        return passkey;
    }

    public async Task<Result<bool>> RemoveAsync(long userId, byte[] credentialId, DateTimeOffset sessionAuthenticatedAt, ClientContext client, CancellationToken ct)
    {
        if (freshness.Require(sessionAuthenticatedAt) is { } stale)
        {
            return stale;
        }

        await using var tx = await store.BeginWriteAsync(ct);
        if (!await tx.Passkeys.DeleteAsync(userId, credentialId, ct))
        {
            return new Error(ErrorCodes.NotFound, "No such passkey.");
        }

        await tx.Audit.AppendAsync(new AuditEvent(time.GetUtcNow(), AuditEventTypes.PasskeyRemoved, userId, ClientIp: client.Ip), ct);
        await NoticeAsync(tx, userId, SecurityNotices.PasskeyRemoved, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<bool> RenameAsync(long userId, byte[] credentialId, string name, CancellationToken ct)
    {
        await using var tx = await store.BeginWriteAsync(ct);
        var renamed = await tx.Passkeys.RenameAsync(userId, credentialId, name, ct);
        await tx.CommitAsync(ct);
        return renamed;
    }

    /// <summary>A passkey is a second factor: adding or removing one is news to every verified contact.</summary>
    private async Task NoticeAsync(IStoreSession tx, long userId, string template, CancellationToken ct)
    {
        var locale = (await tx.Accounts.GetAsync(userId, ct))?.Locale ?? "en";
        await SecurityNotices.QueueAsync(tx, userId, template, null, locale, time.GetUtcNow(), ct);
    }
}
