using Verigate.Core.Results;
using Verigate.Core.Storage;

namespace Verigate.Core.RateLimiting;

/// <summary>
/// Charges several counters all-or-nothing inside the caller's write transaction: if one refuses, none is
/// charged (the transaction is not committed) and the caller gets the longest wait.
/// </summary>
public sealed class RateLimiter(TimeProvider time)
{
    public async Task<Error?> TryChargeAsync(IStoreSession tx, IReadOnlyList<RateLimitCharge> charges, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var decisions = new RateDecision[charges.Count];
        var longestWait = TimeSpan.Zero;
        for (var i = 0; i < charges.Count; i++)
        {
            var stored = await tx.RateLimits.GetForUpdateAsync(charges[i].Key, ct);
            decisions[i] = Gcra.Evaluate(stored, now, charges[i].Limit);
            if (!decisions[i].Allowed && decisions[i].RetryAfter > longestWait)
            {
                longestWait = decisions[i].RetryAfter;
            }
        }

        if (longestWait > TimeSpan.Zero)
        {
            return Error.RateLimited(longestWait);
        }

        for (var i = 0; i < charges.Count; i++)
        {
            await tx.RateLimits.SetAsync(charges[i].Key, decisions[i].NewTat, ct);
        }

        return null;
    }
}
