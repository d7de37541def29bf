using System.Collections.Frozen;
using Verigate.Core.Results;
using Verigate.Core.Storage;

namespace Verigate.Core.VerifyServices;

/// <summary>Finds Verify services by SID (configured ones first, then those made with the command) and makes new ones.</summary>
public sealed class VerifyServiceDirectory(IStore store, VerifyServicesOptions options, TimeProvider time)
{
    private readonly FrozenDictionary<string, VerifyService> _configured = options.All().ToFrozenDictionary(s => s.Sid, StringComparer.Ordinal);

    public async Task<VerifyService?> FindAsync(string? sid, CancellationToken ct)
    {
        if (!VerifyServiceRules.IsSid(sid))
        {
            return null;
        }

        var normalized = VerifyServiceRules.Normalize(sid!);
        if (_configured.TryGetValue(normalized, out var configured))
        {
            return configured;
        }

        await using var read = await store.OpenReadAsync(ct);
        return await read.VerifyServices.FindAsync(normalized, ct);
    }

    /// <summary>Makes a service with a new SID; a name used by a configured or stored service is refused.</summary>
    public async Task<Result<VerifyService>> CreateAsync(string? name, string? friendlyName, int codeLength, string locale, CancellationToken ct)
    {
        if (!VerifyServiceRules.IsName(name))
        {
            return Error.InvalidRequest("name", $"A service name is 1-{VerifyServiceRules.MaxNameLength} letters, digits, '-', '_' or '.'.");
        }

        var service = new VerifyService(VerifyServiceRules.NewSid(), name!, friendlyName ?? name!, codeLength, locale, time.GetUtcNow());
        if (VerifyServiceRules.Problems("service", service.Sid, service.FriendlyName, codeLength, locale).FirstOrDefault() is { } problem)
        {
            return Error.InvalidRequest("service", problem);
        }

        if (_configured.Values.Any(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            return Error.InvalidRequest("name", $"A service named '{name}' is configured already.");
        }

        await using var tx = await store.BeginWriteAsync(ct);
        if (!await tx.VerifyServices.TryInsertAsync(service, ct))
        {
            return Error.InvalidRequest("name", $"A service named '{name}' exists already.");
        }

        await tx.CommitAsync(ct);
        return service;
    }

    public async Task<IReadOnlyList<VerifyService>> ListAsync(CancellationToken ct)
    {
        await using var read = await store.OpenReadAsync(ct);
        return [.. _configured.Values.OrderBy(s => s.Name, StringComparer.Ordinal), .. await read.VerifyServices.ListAsync(ct)];
    }
}
