namespace Verigate.Bench.Scenarios;

/// <summary>One kind of load: what a connection does in a loop, and what is checked once the load has stopped.</summary>
internal interface IScenario
{
    string Name { get; }

    /// <summary>What one unit of work is called in the table ("cycle", "check", "request").</summary>
    string OpName { get; }

    /// <summary>
    /// Requests one unit of work needs at the least (a cycle: start, one inbox read, check = 3). Ratios against the
    /// baseline use this, so extra inbox polls while a message is still on its way do not count as throughput.
    /// </summary>
    int RequestsPerOp { get; }

    /// <summary>Names of the used <see cref="WorkerStats.Counters"/> slots, in slot order.</summary>
    IReadOnlyList<string> CounterNames { get; }

    /// <summary>Does one unit of work and reports it through <see cref="WorkerContext.CompleteOp"/>.</summary>
    ValueTask RunOnceAsync(WorkerContext context, CancellationToken ct);

    /// <summary>Checks correctness after the load (and may run its own small probes); false fails the run.</summary>
    Task<bool> VerifyAsync(HttpClient client, WorkerStats total, TextWriter output, CancellationToken ct);
}
