using System.Globalization;
using System.Text.Json.Nodes;
using Verigate.Core.Audit;
using Verigate.Core.Results;
using Verigate.Core.Storage;
using Verigate.Core.Webhooks;

namespace Verigate.Core.Sessions;

/// <summary>
/// The owner's view and control of their sessions: the ones in use, ending one, signing out, ending every other
/// one. Ending a session only takes access away, so none of this asks for a fresh session (docs/api.md, "Sessions
/// and devices"). Each end is one write transaction with its audit event and its webhook event; a revoked token is
/// refused from the next request on (every request reads its session from the store).
/// </summary>
public sealed class AccountSessions(IStore store, SessionPolicyOptions policy, TimeProvider time)
{
    /// <summary>The sessions still in use, the caller's own first, then the most recently used.</summary>
    public async Task<IReadOnlyList<ActiveSession>> ListAsync(long userId, string currentSessionId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var read = await store.OpenReadAsync(ct);
        var sessions = await read.Sessions.ListActiveAsync(userId, now, now - policy.IdleTimeout, ct);
        var names = (await read.Devices.ListAsync(userId, ct)).ToDictionary(d => d.DeviceId, d => d.Name);
        return sessions
            .Select(s => new ActiveSession(
                s.SessionId, s.DeviceId, names.GetValueOrDefault(s.DeviceId, SessionIssuer.UnnamedDevice),
                s.CreatedAt, s.LastSeenAt ?? s.CreatedAt, s.SessionId == currentSessionId))
            .OrderByDescending(s => s.Current).ThenByDescending(s => s.LastSeenAt).ThenBy(s => s.SessionId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Ends one of the account's sessions (the caller's own too: that is signing out). An id that is unknown, ended,
    /// or another account's answers the same <c>session_not_found</c>, so nobody learns of other people's sessions.
    /// </summary>
    public async Task<Result<bool>> RevokeAsync(long userId, string currentSessionId, string sessionId, ClientContext client, CancellationToken ct)
    {
        var ended = await EndAsync(userId, sessionId, sessionId == currentSessionId, client, ct);
        return ended ? true : new Error(ErrorCodes.SessionNotFound, "You have no session with this id in use.");
    }

    /// <summary>Signs the caller's own session out. Answers alike when a parallel request ended it first.</summary>
    public async Task SignOutAsync(long userId, string sessionId, ClientContext client, CancellationToken ct) =>
        await EndAsync(userId, sessionId, signingOut: true, client, ct);

    /// <summary>Ends every session of the account but the caller's; how many were ended.</summary>
    public async Task<int> RevokeOthersAsync(long userId, string currentSessionId, ClientContext client, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var tx = await store.BeginWriteAsync(ct);
        var revoked = await tx.Sessions.RevokeOthersAsync(userId, currentSessionId, now, now - policy.IdleTimeout, ct);
        if (revoked.Count == 0)
        {
            return 0; // nothing changed: nothing to record
        }

        await tx.Audit.AppendAsync(new AuditEvent(now, AuditEventTypes.OtherSessionsRevoked, userId, ClientIp: client.Ip,
            Detail: $"count={revoked.Count.ToString(CultureInfo.InvariantCulture)}"), ct);
        await PublishAsync(tx, userId, revoked, "others_revoked", now, ct);
        await tx.CommitAsync(ct);
        return revoked.Count;
    }

    private async Task<bool> EndAsync(long userId, string sessionId, bool signingOut, ClientContext client, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var tx = await store.BeginWriteAsync(ct);
        if (await tx.Sessions.RevokeAsync(userId, sessionId, now, now - policy.IdleTimeout, ct) is not { } deviceId)
        {
            return false;
        }

        await tx.Audit.AppendAsync(new AuditEvent(now, signingOut ? AuditEventTypes.SessionSignedOut : AuditEventTypes.SessionRevoked, userId,
            ClientIp: client.Ip, Detail: $"session={sessionId} device={deviceId.ToString(CultureInfo.InvariantCulture)}"), ct);
        await PublishAsync(tx, userId, [sessionId], signingOut ? "signed_out" : "revoked", now, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private static Task PublishAsync(IStoreSession tx, long userId, IReadOnlyList<string> sessionIds, string reason, DateTimeOffset now, CancellationToken ct) =>
        WebhookPublisher.PublishAsync(tx, WebhookEventTypes.SessionsRevoked, $"user:{userId}", null, new JsonObject
        {
            ["userId"] = userId.ToString(CultureInfo.InvariantCulture),
            ["sessionIds"] = new JsonArray([.. sessionIds.Select(id => (JsonNode)JsonValue.Create(id))]),
            ["reason"] = reason,
        }, now, ct);
}
