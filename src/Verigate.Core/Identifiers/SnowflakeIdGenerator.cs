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
    private readonly Lazy<long> _node;
    private readonly Lock _lock = new();
    private long _lastMs = -1;
    private long _sequence;

    public SnowflakeIdGenerator(TimeProvider time, int nodeId)
        : this(time, () => nodeId) => _ = _node.Value;

    /// <param name="time">The clock.</param>
    /// <param name="nodeId">
    /// Read when the first id is issued: the node id comes with the store (leased there on PostgreSQL), which opens
    /// when the host starts, after the services that issue ids were created.
    /// </param>
    public SnowflakeIdGenerator(TimeProvider time, Func<int> nodeId)
    {
        _time = time;
        _node = new Lazy<long>(() =>
        {
            var node = nodeId();
            ArgumentOutOfRangeException.ThrowIfNegative(node, nameof(nodeId));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(node, MaxNodeId, nameof(nodeId));
            return node;
        });
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

            return (_lastMs << (NodeBits + SequenceBits)) | (_node.Value << SequenceBits) | _sequence;
        }
    }

    /// <summary>The moment an id was issued (to the millisecond).</summary>
    public static DateTimeOffset TimestampOf(long id) => Epoch.AddMilliseconds(id >> (NodeBits + SequenceBits));
}
