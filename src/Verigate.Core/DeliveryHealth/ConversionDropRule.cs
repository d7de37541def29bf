namespace Verigate.Core.DeliveryHealth;

/// <summary>
/// When an area's conversion has fallen well below its own baseline (the week before the window): at least
/// <see cref="MinimumStarted"/> codes started in the window and <see cref="MinimumBaselineStarted"/> in the baseline
/// (few codes say nothing), and the window's conversion at least <see cref="DropPoints"/> below the baseline's
/// (0.2 = 20 percentage points). Judged per channel and area, across providers: a country whose codes stop arriving
/// is the signal, whoever carries them.
/// </summary>
public sealed record ConversionDropRule(int MinimumStarted = 20, int MinimumBaselineStarted = 20, double DropPoints = 0.2)
{
    public static readonly ConversionDropRule Default = new();

    /// <summary>How far back the baseline reaches, before the window's start.</summary>
    public static readonly TimeSpan BaselinePeriod = TimeSpan.FromDays(7);

    public bool Flags(long started, long converted, long baselineStarted, long baselineConverted) =>
        started >= MinimumStarted
        && baselineStarted >= MinimumBaselineStarted
        && Ratio(converted, started) <= Ratio(baselineConverted, baselineStarted) - DropPoints + 1e-9;

    private static double Ratio(long part, long whole) => whole == 0 ? 0 : part / (double)whole;
}
