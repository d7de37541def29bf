using Verigate.Core.Audit;
using Verigate.Core.Identifiers;
using Verigate.Core.Storage;

namespace Verigate.Core.Staff;

/// <summary>
/// Checks console session tokens: valid while the staff member is enabled, less than
/// <see cref="ConsoleOptions.IdleTimeout"/> since the last request and less than
/// <see cref="ConsoleOptions.AbsoluteTimeout"/> since sign-in. Ends them on sign-out.
/// </summary>
public sealed class StaffSessions(IStore store, ConsoleOptions options, TimeProvider time)
{
    /// <summary>Last-seen times are written at most this often, so browsing the console is not one write per request.</summary>
    private static readonly TimeSpan TouchEvery = TimeSpan.FromSeconds(30);

    public const int MaxTokenLength = 128;

    public async Task<ActiveStaffSession?> AuthenticateAsync(string token, CancellationToken ct)
    {
        if (token.Length > MaxTokenLength)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var hash = SecureTokens.Hash(token);
        StaffSession? session;
        StaffMember? staff;
        await using (var read = await store.OpenReadAsync(ct))
        {
            session = await read.Staff.FindSessionAsync(hash, ct);
            staff = session is null ? null : await read.Staff.GetAsync(session.StaffId, ct);
        }

        if (session is null || staff is not { IsDisabled: false } || !IsOpen(session, now))
        {
            return null;
        }

        if (now - session.LastSeenAt >= TouchEvery)
        {
            await using var tx = await store.BeginWriteAsync(ct);
            await tx.Staff.TouchSessionAsync(session.Id, now, ct);
            await tx.CommitAsync(ct);
            session = session with { LastSeenAt = now };
        }

        return new ActiveStaffSession(staff, session);
    }

    public bool IsOpen(StaffSession session, DateTimeOffset now) =>
        session.EndedAt is null && now < session.LastSeenAt + options.IdleTimeout && now < session.CreatedAt + options.AbsoluteTimeout;

    public async Task SignOutAsync(ActiveStaffSession active, string? clientIp, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var tx = await store.BeginWriteAsync(ct);
        if (await tx.Staff.EndSessionAsync(active.Session.Id, now, ct))
        {
            await tx.Audit.AppendAsync(new AuditEvent(now, AuditEventTypes.StaffSignedOut, Actor: active.Staff.Actor, ClientIp: clientIp, Detail: "session=" + active.Session.Id), ct);
        }

        await tx.CommitAsync(ct);
    }
}
