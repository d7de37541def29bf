using Verigate.Core.RateLimiting;

namespace Verigate.Core.Fraud;

/// <summary>The SMS-pumping guard (configuration section <c>SmsGuard</c>). Email and TOTP are never held by it.</summary>
public sealed class SmsGuardOptions
{
    public const string Section = "SmsGuard";

    /// <summary>ISO 3166 region codes SMS may go to ("DE", "US"). Empty: every country (list yours).</summary>
    public List<string> AllowedCountries { get; set; } = [];

    /// <summary>Numbers (E.164) and prefixes ("+1555") the guard never blocks: test phones, VIPs.</summary>
    public List<string> SafeList { get; set; } = [];

    /// <summary>SMS per destination country per day (a GCRA counter, as the other limits).</summary>
    public RateLimit SendsPerCountryPerDay { get; set; } = new(10_000, TimeSpan.FromDays(1));

    /// <summary>SMS per phone prefix (number minus its last four digits) per day, besides the hourly limit.</summary>
    public RateLimit SendsPerPrefixPerDay { get; set; } = new(100, TimeSpan.FromDays(1));

    /// <summary>SMS per calendar day (UTC) before SMS fails closed; 0 means no limit.</summary>
    public int DailySmsBudget { get; set; }

    /// <summary>SMS per calendar month (UTC) before SMS fails closed; 0 means no limit.</summary>
    public int MonthlySmsBudget { get; set; }

    /// <summary>Estimated cost per calendar day before SMS fails closed, in the unit of <see cref="CostPerCountry"/>; 0 means no limit.</summary>
    public decimal DailyCostBudget { get; set; }

    /// <summary>Estimated cost per calendar month before SMS fails closed; 0 means no limit.</summary>
    public decimal MonthlyCostBudget { get; set; }

    /// <summary>Estimated cost of one SMS per region code ("DE": 0.08); countries not listed cost <see cref="DefaultCost"/>.</summary>
    public Dictionary<string, decimal> CostPerCountry { get; set; } = [];

    public decimal DefaultCost { get; set; } = 0.05m;

    public ConversionWatchOptions ConversionWatch { get; set; } = new();

    public bool IsSafe(string phone) => SafeList.Any(entry => phone.StartsWith(entry.Trim(), StringComparison.Ordinal));

    public bool AllowsCountry(string? region) =>
        AllowedCountries.Count == 0 || (region is not null && AllowedCountries.Any(c => string.Equals(c, region, StringComparison.OrdinalIgnoreCase)));

    public decimal CostOf(string? region) =>
        region is not null && CostPerCountry.TryGetValue(region, out var cost) ? cost : DefaultCost;

    public IEnumerable<string> Validate()
    {
        foreach (var country in AllowedCountries.Where(c => c.Length != 2 || !c.All(char.IsAsciiLetter)))
        {
            yield return $"SmsGuard:AllowedCountries holds '{country}'; use two-letter region codes such as DE or US.";
        }

        foreach (var entry in SafeList.Where(e => e.Length < 2 || e[0] != '+' || !e[1..].All(char.IsAsciiDigit)))
        {
            yield return $"SmsGuard:SafeList entries are E.164 numbers or prefixes such as +15555550100 or +1555 (found '{entry}').";
        }

        foreach (var (name, limit) in new[] { (nameof(SendsPerCountryPerDay), SendsPerCountryPerDay), (nameof(SendsPerPrefixPerDay), SendsPerPrefixPerDay) })
        {
            if (limit.Count < 1 || limit.Period <= TimeSpan.Zero || limit.Period > TimeSpan.FromDays(1))
            {
                yield return $"SmsGuard:{name} needs Count ≥ 1 and a Period between 00:00:00 and 1.00:00:00 (now {limit}).";
            }
        }

        foreach (var (name, value) in new[]
                 {
                     (nameof(DailySmsBudget), (decimal)DailySmsBudget), (nameof(MonthlySmsBudget), MonthlySmsBudget),
                     (nameof(DailyCostBudget), DailyCostBudget), (nameof(MonthlyCostBudget), MonthlyCostBudget), (nameof(DefaultCost), DefaultCost),
                 })
        {
            if (value < 0)
            {
                yield return $"SmsGuard:{name} cannot be negative (0 means no budget); now {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}.";
            }
        }

        foreach (var (country, cost) in CostPerCountry.Where(c => c.Value < 0 || c.Key.Length != 2 || !c.Key.All(char.IsAsciiLetter)))
        {
            yield return $"SmsGuard:CostPerCountry:{country} must be a two-letter region code with a cost of 0 or more.";
        }

        foreach (var problem in ConversionWatch.Validate())
        {
            yield return problem;
        }
    }
}
