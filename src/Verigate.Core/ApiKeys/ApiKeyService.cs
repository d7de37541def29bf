using Verigate.Core.Audit;
using Verigate.Core.Identifiers;
using Verigate.Core.Storage;

namespace Verigate.Core.ApiKeys;

/// <summary>Creates, lists and revokes Verify API keys. The secret is printed once and stored as a hash.</summary>
public sealed class ApiKeyService(IStore store, SnowflakeIdGenerator ids, TimeProvider time)
{
    public const int MaxNameLength = 64;

    /// <summary>The actor audited for the admin command.</summary>
    public const string CommandLine = "cli";

    /// <summary>The new secret, or null if the name is taken; audited as the admin command's.</summary>
    public Task<string?> CreateAsync(string name, CancellationToken ct) => CreateAsync(name, CommandLine, ct);

    /// <summary>The new secret, or null if the name is taken; <paramref name="actor"/> (the command, or a staff member) is audited.</summary>
    public async Task<string?> CreateAsync(string name, string actor, CancellationToken ct)
    {
        var secret = SecureTokens.Create("vgk_");
        var now = time.GetUtcNow();
        var key = new ApiKey("key:" + ids.Next().ToString(System.Globalization.CultureInfo.InvariantCulture), name, SecureTokens.Hash(secret), now);
        await using var tx = await store.BeginWriteAsync(ct);
        if (!await tx.ApiKeys.TryInsertAsync(key, ct))
        {
            return null;
        }

        await tx.Audit.AppendAsync(new AuditEvent(now, AuditEventTypes.ApiKeyCreated, Actor: actor, Detail: $"name={name} id={key.Id}"), ct);
        await tx.CommitAsync(ct);
        return secret;
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct)
    {
        await using var read = await store.OpenReadAsync(ct);
        return await read.ApiKeys.ListAsync(ct);
    }

    public Task<bool> RevokeAsync(string name, CancellationToken ct) => RevokeAsync(name, CommandLine, ct);

    public async Task<bool> RevokeAsync(string name, string actor, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var tx = await store.BeginWriteAsync(ct);
        if (!await tx.ApiKeys.RevokeAsync(name, now, ct))
        {
            return false;
        }

        await tx.Audit.AppendAsync(new AuditEvent(now, AuditEventTypes.ApiKeyRevoked, Actor: actor, Detail: $"name={name}"), ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public static bool IsValidName(string? name) =>
        name is { Length: > 0 and <= MaxNameLength } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
