using Microsoft.Extensions.Options;
using System.Collections.Frozen;
using Verigate.Core.Identifiers;
using Verigate.Core.Storage;

namespace Verigate.Server.Api.Auth;

/// <summary>
/// Finds the key id behind a presented API key: keys from configuration (<c>VerifyApi:Keys:&lt;name&gt;</c>, for
/// automation) are hashed once at start-up; keys made with the <c>apikey</c> command are looked up by hash.
/// </summary>
public sealed class ApiKeyRegistry
{
    private readonly IStore _store;
    private readonly FrozenDictionary<string, string> _configured;

    // The options are validated at start-up (VerifyApiOptions.Validate), so every key here is long enough.
    public ApiKeyRegistry(IStore store, IOptions<VerifyApiOptions> options)
    {
        _store = store;
        var configured = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, secret) in options.Value.Keys)
        {
            configured[Convert.ToBase64String(SecureTokens.Hash(secret!))] = "config:" + name;
        }

        _configured = configured.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public async Task<string?> FindKeyIdAsync(string presented, CancellationToken ct)
    {
        var hash = SecureTokens.Hash(presented);
        if (_configured.TryGetValue(Convert.ToBase64String(hash), out var configuredId))
        {
            return configuredId;
        }

        await using var read = await _store.OpenReadAsync(ct);
        return (await read.ApiKeys.FindActiveByHashAsync(hash, ct))?.Id;
    }
}
