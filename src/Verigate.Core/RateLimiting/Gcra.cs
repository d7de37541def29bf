namespace Verigate.Core.RateLimiting;

/// <summary>
/// The generic cell rate algorithm: one stored instant per key (the "theoretical arrival time") gives an exact
/// sliding limit with bursts, with no window edges to exploit and a single row to update atomically.
/// </summary>
public static class Gcra
{
    /// <param name="storedTat">The key's stored theoretical arrival time, or null for a key never seen.</param>
    /// <param name="now">The server's clock.</param>
    /// <param name="limit">The limit to apply.</param>
    /// <returns>Whether the event is allowed, the new value to store if so, and how long to wait if not.</returns>
    public static RateDecision Evaluate(DateTimeOffset? storedTat, DateTimeOffset now, RateLimit limit)
    {
        var tat = storedTat is { } t && t > now ? t : now;
        var newTat = tat + limit.EmissionInterval;
        var allowAt = newTat - limit.Period;
        return allowAt <= now
            ? new RateDecision(true, newTat, TimeSpan.Zero)
            : new RateDecision(false, tat, allowAt - now);
    }
}
