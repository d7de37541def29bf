using Verigate.Core.Sessions;

namespace Verigate.Core.Storage;

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
}
