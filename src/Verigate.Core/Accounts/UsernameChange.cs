using Verigate.Core.Audit;
using Verigate.Core.Identifiers;
using Verigate.Core.Results;
using Verigate.Core.Sessions;
using Verigate.Core.Storage;

namespace Verigate.Core.Accounts;

/// <summary>
/// Renames an account. The user id integrations store never changes; the old username is free for others at
/// once, which is why integrations must key on the user id, never on the handle. A sensitive change: the
/// username is a login, so it needs a fresh session like the other changes to how the account is reached.
/// </summary>
public sealed class UsernameChange(IStore store, SessionFreshness freshness, TimeProvider time)
{
    public async Task<Result<Account>> ChangeAsync(long userId, DateTimeOffset sessionAuthenticatedAt, string username, ClientContext client, CancellationToken ct)
    {
        if (freshness.Require(sessionAuthenticatedAt) is { } stale)
        {
            return stale;
        }

        if (UsernameRules.Validate(username) is { } invalid)
        {
            return invalid;
        }

        await using var tx = await store.BeginWriteAsync(ct);
        var account = await tx.Accounts.GetAsync(userId, ct);
        if (account is null)
        {
            return new Error(ErrorCodes.Unauthorized, "Sign in again.");
        }

        if (!await tx.Accounts.TryRenameAsync(userId, username, ct))
        {
            return new Error(ErrorCodes.UsernameTaken, "This username is taken.", "username");
        }

        await tx.Audit.AppendAsync(new AuditEvent(time.GetUtcNow(), AuditEventTypes.UsernameChanged, userId, ClientIp: client.Ip,
            Detail: $"from={account.Username} to={username}"), ct);
        await tx.CommitAsync(ct);
        return account with { Username = username };
    }
}
