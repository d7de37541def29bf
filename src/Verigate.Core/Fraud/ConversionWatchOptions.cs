namespace Verigate.Core.Fraud;

/// <summary>
/// When the share of SMS codes to one prefix that are never checked jumps well above that prefix's own baseline,
/// SMS to the prefix is blocked for a while (section <c>SmsGuard:ConversionWatch</c>).
/// </summary>
public sealed class ConversionWatchOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>The recent window whose unconverted share is compared with the baseline.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How far back the baseline reaches (before the window).</summary>
    public TimeSpan BaselinePeriod { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Codes in the window before the watch judges a prefix (few sends say nothing).</summary>
    public int MinimumSends { get; set; } = 20;

    /// <summary>The unconverted share assumed for a prefix with too little history of its own.</summary>
    public double DefaultBaseline { get; set; } = 0.2;

    /// <summary>How far above its baseline a prefix's unconverted share must jump to be blocked (0.5 = 50 points).</summary>
    public double JumpAbove { get; set; } = 0.5;

    /// <summary>The first block; each repeat doubles it, up to <see cref="BlockMax"/>.</summary>
    public TimeSpan BlockBase { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan BlockMax { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan BlockFor(int strikes)
    {
        var seconds = BlockBase.TotalSeconds * Math.Pow(2, Math.Min(strikes - 1, 30));
        return TimeSpan.FromSeconds(Math.Min(seconds, BlockMax.TotalSeconds));
    }

    /// <summary>One line per bad setting, naming it.</summary>
    public IEnumerable<string> Validate()
    {
        if (Window <= TimeSpan.Zero)
        {
            yield return $"SmsGuard:ConversionWatch:Window must be positive (now {Window}).";
        }

        if (BaselinePeriod <= TimeSpan.Zero)
        {
            yield return $"SmsGuard:ConversionWatch:BaselinePeriod must be positive (now {BaselinePeriod}).";
        }

        if (MinimumSends < 1)
        {
            yield return $"SmsGuard:ConversionWatch:MinimumSends must be at least 1 (now {MinimumSends}).";
        }

        if (DefaultBaseline is < 0 or > 1)
        {
            yield return $"SmsGuard:ConversionWatch:DefaultBaseline must be between 0 and 1 (now {DefaultBaseline.ToString(System.Globalization.CultureInfo.InvariantCulture)}).";
        }

        if (JumpAbove is <= 0 or > 1)
        {
            yield return $"SmsGuard:ConversionWatch:JumpAbove must be above 0 and at most 1 (now {JumpAbove.ToString(System.Globalization.CultureInfo.InvariantCulture)}).";
        }

        if (BlockBase <= TimeSpan.Zero)
        {
            yield return $"SmsGuard:ConversionWatch:BlockBase must be positive (now {BlockBase}).";
        }
        else if (BlockMax < BlockBase)
        {
            yield return $"SmsGuard:ConversionWatch:BlockMax ({BlockMax}) cannot be shorter than BlockBase ({BlockBase}).";
        }
    }
}
