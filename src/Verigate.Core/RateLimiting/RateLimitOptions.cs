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

    /// <summary>Password resets one account may be sent per period: its own budget, so resets never spend sign-in's.</summary>
    public RateLimit ResetsPerAccount { get; set; } = new(5, TimeSpan.FromHours(1));

    /// <summary>
    /// Consecutive wrong codes under one factor and flow (see <c>FailureScopes</c>), across challenges, before code
    /// entry locks.
    /// </summary>
    public int CheckFailuresBeforeLock { get; set; } = 20;

    /// <summary>The same for one API key's verifications to one destination, whose codes may be as short as 4 digits.</summary>
    public int VerifyFailuresBeforeLock { get; set; } = 10;

    /// <summary>
    /// NIST SP 800-63B's ceiling on consecutive failures for one authenticator: past it the lock does not end by
    /// itself; it lifts when the owner proves themselves another way (a sign-in, a password reset).
    /// </summary>
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

        if (CheckFailuresBeforeLock < 1 || VerifyFailuresBeforeLock < 1)
        {
            yield return "RateLimits:CheckFailuresBeforeLock and RateLimits:VerifyFailuresBeforeLock must be at least 1.";
        }

        if (CheckFailuresHardLimit < Math.Max(CheckFailuresBeforeLock, VerifyFailuresBeforeLock) || CheckFailuresHardLimit > 100)
        {
            yield return "RateLimits:CheckFailuresHardLimit must be between the lock thresholds and 100 (NIST SP 800-63B).";
        }

        if (CheckLockBase <= TimeSpan.Zero || CheckLockMax < CheckLockBase)
        {
            yield return "RateLimits:CheckLockBase must be positive and not longer than RateLimits:CheckLockMax.";
        }
    }

    /// <summary>
    /// How long code entry stays locked after <paramref name="failures"/> consecutive failures; <see cref="TimeSpan.MaxValue"/>
    /// at the hard limit.
    /// </summary>
    public TimeSpan CheckLockFor(int failures, bool verifyApi = false)
    {
        var threshold = verifyApi ? VerifyFailuresBeforeLock : CheckFailuresBeforeLock;
        if (failures >= CheckFailuresHardLimit)
        {
            return TimeSpan.MaxValue;
        }

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
        (nameof(ResetsPerAccount), ResetsPerAccount),
    ];
}
