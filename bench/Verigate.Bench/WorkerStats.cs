namespace Verigate.Bench;

/// <summary>What one connection's loop measured. Only its own task writes it, so nothing here is synchronized.</summary>
internal sealed class WorkerStats
{
    public const int CounterSlots = 8;

    /// <summary>Latency of a scenario's unit of work (a whole cycle, one check, one hello) that ran inside the window.</summary>
    public LatencyHistogram Ops { get; } = new();

    /// <summary>Latency of every HTTP request that ran inside the window, whatever the scenario step.</summary>
    public LatencyHistogram Requests { get; } = new();

    /// <summary>Scenario-defined counters (the scenario names the slots); counted over warm-up too.</summary>
    public long[] Counters { get; } = new long[CounterSlots];

    public long FailedOps { get; set; }

    /// <summary>Transport failures and unexpected answers over the whole run, warm-up included.</summary>
    public long Errors { get; set; }

    public long RequestsTotal { get; set; }

    public void Add(WorkerStats other)
    {
        Ops.Add(other.Ops);
        Requests.Add(other.Requests);
        for (var i = 0; i < CounterSlots; i++)
        {
            Counters[i] += other.Counters[i];
        }

        FailedOps += other.FailedOps;
        Errors += other.Errors;
        RequestsTotal += other.RequestsTotal;
    }
}
