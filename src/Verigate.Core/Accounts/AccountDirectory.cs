using Verigate.Core.Identifiers;
using Verigate.Core.Results;
using Verigate.Core.Sessions;
using Verigate.Core.Storage;
using Verigate.Core.TwoFactor;

namespace Verigate.Core.Accounts;

/// <summary>Read side of accounts: the signed-in person's profile and the public user lookups.</summary>
public sealed class AccountDirectory(IStore store, SecondFactors secondFactors, TimeProvider time, SessionPolicyOptions sessionPolicy)
{
    public async Task<UserSession?> AuthenticateAsync(string sessionToken, CancellationToken ct)
    {
        UserSession? session;
        await using (var read = await store.OpenReadAsync(ct))
        {
            session = await read.Sessions.FindByTokenHashAsync(SecureTokens.Hash(sessionToken), ct);
        }

        var now = time.GetUtcNow();
        if (session is null || !session.IsActiveAt(now, sessionPolicy.IdleTimeout))
        {
            return null;
        }

        // Recorded at most once a minute, so a busy client does not turn every request into a write.
        if (now - (session.LastSeenAt ?? session.CreatedAt) >= TimeSpan.FromMinutes(1))
        {
            await using var tx = await store.BeginWriteAsync(ct);
            await tx.Sessions.TouchAsync(session.SessionId, now, ct);
            await tx.CommitAsync(ct);
        }

        return session;
    }

    public async Task<Result<Profile>> ProfileAsync(long userId, long currentDeviceId, CancellationToken ct)
    {
        await using var read = await store.OpenReadAsync(ct);
        var account = await read.Accounts.GetAsync(userId, ct);
        if (account is null)
        {
            return new Error(ErrorCodes.Unauthorized, "Sign in again.");
        }

        return new Profile(account, await read.Accounts.ContactsOfAsync(account.UserId, ct), await read.Devices.ListAsync(account.UserId, ct), currentDeviceId,
            await secondFactors.StatusAsync(read, account.UserId, ct));
    }

    public async Task<Account?> FindAsync(long userId, CancellationToken ct)
    {
        await using var read = await store.OpenReadAsync(ct);
        return await read.Accounts.GetAsync(userId, ct);
    }

    public async Task<Account?> FindByUsernameAsync(string username, CancellationToken ct)
    {
        if (UsernameRules.Validate(username) is not null)
        {
            return null;
        }

        await using var read = await store.OpenReadAsync(ct);
        return await read.Accounts.FindByUsernameAsync(username, ct);
    }
}
