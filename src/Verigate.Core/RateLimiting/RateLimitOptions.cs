namespace Verigate.Core.RateLimiting;

/// <summary>Every limit, held in the store so it holds across instances (configuration section <c>RateLimits</c>).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public RateLimit SendsPerDestination { get; set; } = new(3, TimeSpan.FromMinutes(10));
    public RateLimit SendsPerAccount { get; set; } = new(10, TimeSpan.FromHours(1));
    public RateLimit SendsPerIp { get; set; } = new(30, TimeSpan.FromMinutes(10));
    public RateLimit SendsPerApiKey { get; set; } = new(600, TimeSpan.FromMinutes(1));
    public RateLimit SendsPerPhonePrefix { get; set; } = new(30, TimeSpan.FromHours(1));
    public RateLimit LoginsPerIp { get; set; } = new(60, TimeSpan.FromMinutes(10));
    public RateLimit LoginsPerAccount { get; set; } = new(10, TimeSpan.FromMinutes(15));

    /// <summary>
    /// Consecutive wrong codes in one flow, across challenges, before code entry locks: on one account for sign-in
    /// codes, on one destination for password-reset codes (which anyone can request).
    /// </summary>
    public int CheckFailuresBeforeLock { get; set; } = 20;

    /// <summary>Consecutive wrong Verify API codes for one destination of one API key before checks lock.</summary>
    public int VerifyCheckFailuresBeforeLock { get; set; } = 10;

    /// <summary>NIST SP 800-63B 5.2.2: at most 100 consecutive failures per authenticator; then the lock stays until the owner proves themselves another way.</summary>
    public int CheckFailuresHardLimit { get; set; } = 100;

    /// <summary>The first lock; each further failure doubles it, up to <see cref="CheckLockMax"/>.</summary>
    public TimeSpan CheckLockBase { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan CheckLockMax { get; set; } = TimeSpan.FromHours(1);

    public IEnumerable<string> Validate()
    {
        foreach (var (name, limit) in Named())
        {
            if (limit.Count < 1 || limit.Period <= TimeSpan.Zero || limit.Period > TimeSpan.FromDays(1))
            {
                yield return $"RateLimits:{name} needs Count ≥ 1 and a Period between 00:00:00 and 1.00:00:00 (now {limit}).";
            }
        }

        if (CheckFailuresBeforeLock < 1 || VerifyCheckFailuresBeforeLock < 1)
        {
            yield return "RateLimits:CheckFailuresBeforeLock and RateLimits:VerifyCheckFailuresBeforeLock must be at least 1.";
        }

        if (CheckFailuresHardLimit < CheckFailuresBeforeLock || CheckFailuresHardLimit > 100)
        {
            yield return "RateLimits:CheckFailuresHardLimit must be between RateLimits:CheckFailuresBeforeLock and 100 (NIST SP 800-63B).";
        }

        if (CheckLockBase <= TimeSpan.Zero || CheckLockMax < CheckLockBase)
        {
            yield return "RateLimits:CheckLockBase must be positive and not longer than RateLimits:CheckLockMax.";
        }
    }

    /// <summary>How long code entry stays locked after <paramref name="failures"/> consecutive failures.</summary>
    public TimeSpan CheckLockFor(int failures) => CheckLockFor(failures, CheckFailuresBeforeLock);

    /// <summary>The same backoff, after <paramref name="threshold"/> failures.</summary>
    public TimeSpan CheckLockFor(int failures, int threshold)
    {
        if (failures < threshold)
        {
            return TimeSpan.Zero;
        }

        var doublings = Math.Min(failures - threshold, 30);
        var seconds = CheckLockBase.TotalSeconds * Math.Pow(2, doublings);
        return TimeSpan.FromSeconds(Math.Min(seconds, CheckLockMax.TotalSeconds));
    }

    private IEnumerable<(string Name, RateLimit Limit)> Named() =>
    [
        (nameof(SendsPerDestination), SendsPerDestination),
        (nameof(SendsPerAccount), SendsPerAccount),
        (nameof(SendsPerIp), SendsPerIp),
        (nameof(SendsPerApiKey), SendsPerApiKey),
        (nameof(SendsPerPhonePrefix), SendsPerPhonePrefix),
        (nameof(LoginsPerIp), LoginsPerIp),
        (nameof(LoginsPerAccount), LoginsPerAccount),
    ];
}
