
namespace Verigate.Core.ApiKeys;

/// <summary>Verify API keys created with the <c>apikey</c> command.</summary>
public interface IApiKeyStore
{
    /// <summary>False when the name is taken.</summary>
    Task<bool> TryInsertAsync(ApiKey key, CancellationToken ct);

    Task<ApiKey?> FindActiveByHashAsync(byte[] keyHash, CancellationToken ct);
    Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct);
    Task<bool> RevokeAsync(string name, DateTimeOffset at, CancellationToken ct);
}
