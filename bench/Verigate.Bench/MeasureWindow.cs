using System.Diagnostics;

namespace Verigate.Bench;

/// <summary>
/// The measured interval, in <see cref="Stopwatch"/> timestamps. Work that starts during warm-up or ends after the
/// window is not counted, so neither the cold start nor the drain at the end skews the figures.
/// </summary>
internal sealed class MeasureWindow(TimeSpan warmup, TimeSpan duration)
{
    public long Start { get; } = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);

    public long End => Start + (long)(Duration.TotalSeconds * Stopwatch.Frequency);

    public TimeSpan Duration { get; } = duration;

    public bool Contains(long start, long end) => start >= Start && end <= End;

    public bool IsOver => Stopwatch.GetTimestamp() >= End;
}
