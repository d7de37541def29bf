using System.Globalization;
using Verigate.Core.RateLimiting;
using Verigate.Core.Results;
using Verigate.Core.Storage;

namespace Verigate.Core.Staff;

/// <summary>
/// How much of each kind of console work one staff member may do per hour: a busy shift's worth, not a script's. A
/// stolen staff session can then read few PINs and change few accounts before the hour runs out. Charged before the
/// work, in a transaction of its own: the work may be another service's transaction, and refused work still counts.
/// </summary>
public sealed class StaffBudgets(IStore store, RateLimiter limiter)
{
    /// <summary>Support PINs tried, whichever accounts they are for.</summary>
    public static readonly StaffBudget PinChecks = new("support-pin", new RateLimit(30, TimeSpan.FromHours(1)));

    /// <summary>Actions on people's accounts (resend, reset, sign out, lock, …).</summary>
    public static readonly StaffBudget SupportActions = new("support-action", new RateLimit(60, TimeSpan.FromHours(1)));

    /// <summary>Changes on the admin pages (API keys and staff created, revoked, disabled).</summary>
    public static readonly StaffBudget AdminChanges = new("console-admin", new RateLimit(30, TimeSpan.FromHours(1)));

    /// <summary>Null when the staff member may do one more of <paramref name="budget"/>'s work; a <c>rate_limited</c> error otherwise.</summary>
    public async Task<Error?> ChargeAsync(StaffBudget budget, long staffId, CancellationToken ct)
    {
        await using var tx = await store.BeginWriteAsync(ct);
        var key = $"{budget.Work}:staff:{staffId.ToString(CultureInfo.InvariantCulture)}";
        if (await limiter.TryChargeAsync(tx, [new RateLimitCharge(key, budget.Limit)], ct) is { } limited)
        {
            return limited;
        }

        await tx.CommitAsync(ct);
        return null;
    }
}

/// <summary>One kind of console work (its rate-limit key prefix) and how much of it an hour allows.</summary>
public sealed record StaffBudget(string Work, RateLimit Limit);
