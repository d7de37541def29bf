using System.Globalization;
using Verigate.Core.RateLimiting;
using Verigate.Core.Results;
using Verigate.Core.Storage;

namespace Verigate.Server.Web.Console.Admin;

/// <summary>
/// How many changes one admin may make on the admin pages (keys and staff created, revoked, disabled): an ordinary
/// day's work, not a script's. Charged before the change, in a transaction of its own, like the support actions' limit.
/// </summary>
public sealed class AdminActionLimit(IStore store, RateLimiter limiter)
{
    public static readonly RateLimit PerAdmin = new(30, TimeSpan.FromHours(1));

    /// <summary>Null when the admin may act; a <c>rate_limited</c> error otherwise.</summary>
    public async Task<Error?> ChargeAsync(long staffId, CancellationToken ct)
    {
        await using var tx = await store.BeginWriteAsync(ct);
        var key = "console-admin:staff:" + staffId.ToString(CultureInfo.InvariantCulture);
        if (await limiter.TryChargeAsync(tx, [new RateLimitCharge(key, PerAdmin)], ct) is { } limited)
        {
            return limited;
        }

        await tx.CommitAsync(ct);
        return null;
    }
}
