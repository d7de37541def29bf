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
        var decisions = new RateDecision[ordered.Count];
        for (var i = 0; i < ordered.Count; i++)
        {
            var charge = ordered[i];
            // A key charged twice in one call sees its own first charge.
            DateTimeOffset? current = next.TryGetValue(charge.Key, out var pending) ? pending
                : stored.TryGetValue(charge.Key, out var tat) ? tat : null;
            decisions[i] = Gcra.Evaluate(current, now, charge.Limit);
            if (decisions[i].Allowed)
            {
                next[charge.Key] = decisions[i].NewTat;
            }
        }

        if (Refusal(ordered, decisions) is { } refused)
        {
            return refused;
        }

        await tx.RateLimits.SetAsync([.. next], ct);
        return null;
    }

    /// <summary>The answer to charges of which some refused: the longest wait, worded by the counter that imposes it; null if all allow.</summary>
    public static Error? Refusal(IReadOnlyList<RateLimitCharge> charges, IReadOnlyList<RateDecision> decisions)
    {
        var longestWait = TimeSpan.Zero;
        RateLimitCharge? binding = null;
        for (var i = 0; i < charges.Count; i++)
        {
            if (!decisions[i].Allowed && decisions[i].RetryAfter > longestWait)
            {
                longestWait = decisions[i].RetryAfter;
                binding = charges[i];
            }
        }

        return binding is null
            ? null
            : new Error(ErrorCodes.RateLimited, RateLimitWording.Explain(binding.Key, binding.Limit, longestWait),
                RetryAfter: longestWait, Limit: RateLimitWording.LimitOf(binding.Key));
    }
}
