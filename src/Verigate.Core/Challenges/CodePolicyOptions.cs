namespace Verigate.Core.Challenges;

/// <summary>The code policy (configuration section <c>Codes</c>).</summary>
public sealed class CodePolicyOptions
{
    public const string Section = "Codes";

    /// <summary>Account flows never use shorter codes or longer lifetimes than these, whatever is configured.</summary>
    public const int AccountMinimumLength = 6;
    public static readonly TimeSpan AccountMaximumLifetime = TimeSpan.FromMinutes(10);

    public const int MinimumLength = 4;
    public const int MaximumLength = 10;

    public int Length { get; set; } = 6;
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(10);
    public int MaxAttempts { get; set; } = 5;
    public int MaxSends { get; set; } = 5;
    public TimeSpan ResendCooldown { get; set; } = TimeSpan.FromSeconds(30);
    public double ResendCooldownMultiplier { get; set; } = 2;
    public TimeSpan MaxResendCooldown { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Base64 key (≥ 32 bytes) for hashing codes; when absent one is generated into the data directory.</summary>
    public string? HashKey { get; set; }

    public IEnumerable<string> Validate()
    {
        if (Length is < MinimumLength or > MaximumLength)
        {
            yield return $"Codes:Length must be between {MinimumLength} and {MaximumLength}.";
        }

        if (Lifetime < TimeSpan.FromSeconds(30) || Lifetime > TimeSpan.FromHours(1))
        {
            yield return "Codes:Lifetime must be between 00:00:30 and 01:00:00.";
        }

        if (MaxAttempts is < 1 or > 20)
        {
            yield return "Codes:MaxAttempts must be between 1 and 20.";
        }

        if (MaxSends is < 1 or > 20)
        {
            yield return "Codes:MaxSends must be between 1 and 20.";
        }

        if (ResendCooldown < TimeSpan.Zero || ResendCooldown > TimeSpan.FromMinutes(10))
        {
            yield return "Codes:ResendCooldown must be between 00:00:00 and 00:10:00.";
        }

        if (ResendCooldownMultiplier is < 1 or > 10)
        {
            yield return "Codes:ResendCooldownMultiplier must be between 1 and 10.";
        }

        if (MaxResendCooldown < ResendCooldown)
        {
            yield return "Codes:MaxResendCooldown must not be shorter than Codes:ResendCooldown.";
        }
    }

    /// <summary>The wait after the <paramref name="sendsUsed"/>-th send: 30 s, 60 s, 120 s … up to the cap.</summary>
    public TimeSpan CooldownAfter(int sendsUsed)
    {
        var seconds = ResendCooldown.TotalSeconds * Math.Pow(ResendCooldownMultiplier, Math.Max(0, sendsUsed - 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxResendCooldown.TotalSeconds));
    }
}
