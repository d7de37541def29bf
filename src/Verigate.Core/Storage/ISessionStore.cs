using Verigate.Core.Sessions;

namespace Verigate.Core.Storage;

/// <summary>Signed-in sessions.</summary>
public interface ISessionStore
{
    Task InsertAsync(UserSession session, CancellationToken ct);
    Task<UserSession?> FindByTokenHashAsync(byte[] tokenHash, CancellationToken ct);
    Task RevokeAllAsync(long userId, DateTimeOffset at, CancellationToken ct);
}
