
namespace Verigate.Core.Sessions;

/// <summary>Signed-in sessions.</summary>
public interface ISessionStore
{
    Task InsertAsync(UserSession session, CancellationToken ct);
    Task<UserSession?> FindByTokenHashAsync(byte[] tokenHash, CancellationToken ct);
    /// <summary>Records that the session was used at <paramref name="at"/> (for the idle timeout).</summary>
    Task TouchAsync(string sessionId, DateTimeOffset at, CancellationToken ct);

    Task RevokeAllAsync(long userId, DateTimeOffset at, CancellationToken ct);

    /// <summary>Records a re-authentication on an active session; false when there is none with that id.</summary>
    Task<bool> MarkAuthenticatedAsync(string sessionId, DateTimeOffset at, CancellationToken ct);

    /// <summary>
    /// The account's sessions still in use: not revoked, before their expiry at <paramref name="now"/>, and used
    /// since <paramref name="idleSince"/>; oldest first.
    /// </summary>
    Task<IReadOnlyList<UserSession>> ListActiveAsync(long userId, DateTimeOffset now, DateTimeOffset idleSince, CancellationToken ct);

    /// <summary>
    /// Revokes one session of the account if it is still in use (as in <see cref="ListActiveAsync"/>); its device id,
    /// or null when the account has no such session (another account's id changes nothing).
    /// </summary>
    Task<long?> RevokeAsync(long userId, string sessionId, DateTimeOffset now, DateTimeOffset idleSince, CancellationToken ct);

    /// <summary>Revokes every session of the account still in use except <paramref name="keepSessionId"/>; the ids it revoked.</summary>
    Task<IReadOnlyList<string>> RevokeOthersAsync(long userId, string keepSessionId, DateTimeOffset now, DateTimeOffset idleSince, CancellationToken ct);
}
