namespace Verigate.Core.Identifiers;

/// <summary>
/// 64-bit time-ordered ids: 41 bits of milliseconds since 2025-01-01, 10 bits of node id, 12 bits of sequence.
/// Ids are never reused: if the clock steps back we keep counting from the last millisecond we issued.
/// </summary>
public sealed class SnowflakeIdGenerator
{
    public static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public const int MaxNodeId = 1023;
    private const int SequenceBits = 12;
    private const int NodeBits = 10;
    private const long MaxSequence = (1L << SequenceBits) - 1;

    private readonly TimeProvider _time;
    private readonly long _node;
    private readonly Lock _lock = new();
    private long _lastMs = -1;
    private long _sequence;

    public SnowflakeIdGenerator(TimeProvider time, int nodeId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nodeId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nodeId, MaxNodeId);
        _time = time;
        _node = nodeId;
    }

    public long Next()
    {
        lock (_lock)
        {
            var now = (long)(_time.GetUtcNow() - Epoch).TotalMilliseconds;
            if (now > _lastMs)
            {
                _lastMs = now;
                _sequence = 0;
            }
            else if (++_sequence > MaxSequence)
            {
                // 4096 ids in one millisecond (or a clock that stepped back): borrow the next millisecond.
                _lastMs++;
                _sequence = 0;
            }

            return (_lastMs << (NodeBits + SequenceBits)) | (_node << SequenceBits) | _sequence;
        }
    }

    /// <summary>The moment an id was issued (to the millisecond).</summary>
    public static DateTimeOffset TimestampOf(long id) => Epoch.AddMilliseconds(id >> (NodeBits + SequenceBits));
}
