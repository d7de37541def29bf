using Verigate.Core.Results;
using Verigate.Core.Storage;

namespace Verigate.Core.RateLimiting;

/// <summary>
/// Charges several counters all-or-nothing inside the caller's write transaction: if one refuses, none is
/// charged (nothing is written) and the caller gets the longest wait. One read and one write for all keys.
/// </summary>
public sealed class RateLimiter(TimeProvider time)
{
    public async Task<Error?> TryChargeAsync(IStoreSession tx, IReadOnlyList<RateLimitCharge> charges, CancellationToken ct)
    {
        if (charges.Count == 0)
        {
            return null;
        }

        var ordered = charges.OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
        var keys = ordered.Select(c => c.Key).Distinct(StringComparer.Ordinal).ToList();
        var stored = await tx.RateLimits.GetForUpdateAsync(keys, ct);

        var now = time.GetUtcNow();
        var next = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var longestWait = TimeSpan.Zero;
        RateLimitCharge? binding = null;
        foreach (var charge in ordered)
        {
            // A key charged twice in one call sees its own first charge.
            DateTimeOffset? current = next.TryGetValue(charge.Key, out var pending) ? pending
                : stored.TryGetValue(charge.Key, out var tat) ? tat : null;
            var decision = Gcra.Evaluate(current, now, charge.Limit);
            if (!decision.Allowed)
            {
                if (decision.RetryAfter > longestWait)
                {
                    longestWait = decision.RetryAfter;
                    binding = charge;
                }

                continue;
            }

            next[charge.Key] = decision.NewTat;
        }

        if (binding is not null)
        {
            return new Error(ErrorCodes.RateLimited, RateLimitWording.Explain(binding.Key, binding.Limit, longestWait),
                RetryAfter: longestWait, Limit: RateLimitWording.LimitOf(binding.Key));
        }

        await tx.RateLimits.SetAsync([.. next], ct);
        return null;
    }
}
