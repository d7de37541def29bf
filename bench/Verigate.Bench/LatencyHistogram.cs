using System.Numerics;

namespace Verigate.Bench;

/// <summary>
/// A log-linear latency histogram in microseconds (HdrHistogram's layout, two significant digits): recording is an
/// array increment, so every connection keeps its own and they are merged once at the end, without locks.
/// </summary>
internal sealed class LatencyHistogram
{
    // 64 sub-buckets per power of two bound the error of any reported value to 1/64 (≈1.6 %).
    private const int SubBucketBits = 6;
    private const int SubBuckets = 1 << SubBucketBits;

    // Values up to 2^36 µs (≈19 hours) need 128 exact slots plus 64 per further power of two.
    private const int MaxExponent = 36;
    private const long MaxValue = (1L << MaxExponent) - 1;

    private readonly long[] _counts = new long[(2 * SubBuckets) + ((MaxExponent - SubBucketBits) * SubBuckets)];

    public long Count { get; private set; }

    public long MaxMicros { get; private set; }

    public void Record(long micros)
    {
        var value = Math.Clamp(micros, 0, MaxValue);
        _counts[Index(value)]++;
        Count++;
        MaxMicros = Math.Max(MaxMicros, value);
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        MaxMicros = Math.Max(MaxMicros, other.MaxMicros);
    }

    /// <summary>The smallest bucket bound that at least <paramref name="fraction"/> of the values fall under.</summary>
    public long PercentileMicros(double fraction)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(fraction * Count);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(UpperBound(i), MaxMicros);
            }
        }

        return MaxMicros;
    }

    private static int Index(long value)
    {
        if (value < 2 * SubBuckets)
        {
            return (int)value;
        }

        var exponent = 63 - BitOperations.LeadingZeroCount((ulong)value);
        var shift = exponent - SubBucketBits;
        var top = (int)(value >> shift); // in [SubBuckets, 2 * SubBuckets)
        return (2 * SubBuckets) + ((shift - 1) * SubBuckets) + (top - SubBuckets);
    }

    private static long UpperBound(int index)
    {
        if (index < 2 * SubBuckets)
        {
            return index;
        }

        var relative = index - (2 * SubBuckets);
        var shift = (relative / SubBuckets) + 1;
        long top = (relative % SubBuckets) + SubBuckets;
        return ((top + 1) << shift) - 1;
    }
}
