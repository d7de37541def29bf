using System.Globalization;
using Verigate.Bench.Scenarios;

namespace Verigate.Bench;

/// <summary>A finished run: prints the human table and one machine-readable RESULT line for bench/run.sh.</summary>
internal sealed record RunResult(BenchOptions Options, IScenario Scenario, WorkerStats Total, IReadOnlyList<string> ErrorLines, bool Correct, string Verdicts, CpuSampler Cpu)
{
    public double OpsPerSecond => Total.Ops.Count / Options.Duration.TotalSeconds;

    public double RequestsPerSecond => Total.Requests.Count / Options.Duration.TotalSeconds;

    /// <summary>Throughput in requests a unit of work needs at the least (see <see cref="IScenario.RequestsPerOp"/>).</summary>
    public double UnitRequestsPerSecond => OpsPerSecond * Scenario.RequestsPerOp;

    /// <summary>Server CPU milliseconds per unit of work over the window, or NaN without a server PID.</summary>
    public double ServerCpuMsPerOp => Cpu.ServerCpu is { } s && Total.Ops.Count > 0 ? s.TotalMilliseconds / Total.Ops.Count : double.NaN;

    /// <summary>Database CPU milliseconds per unit of work over the window, or NaN without a database PID.</summary>
    public double DbCpuMsPerOp => Cpu.DbCpu is { } d && Total.Ops.Count > 0 ? d.TotalMilliseconds / Total.Ops.Count : double.NaN;

    public void Print(TextWriter output)
    {
        var ops = Total.Ops;
        var requests = Total.Requests;
        output.WriteLine();
        output.WriteLine($"{Scenario.Name} @ {Options.Connections} connections, {Options.Duration.TotalSeconds:0.#} s measured after {Options.Warmup.TotalSeconds:0.#} s warm-up, {string.Join(", ", Options.Urls)}");
        output.WriteLine("  what      |      count |       per s |  p50 ms |  p90 ms |  p99 ms |  max ms");
        output.WriteLine("  ----------+------------+-------------+---------+---------+---------+--------");
        Row(output, Scenario.OpName + "s", ops, OpsPerSecond);
        if (Scenario.OpName != "request")
        {
            Row(output, "requests", requests, RequestsPerSecond);
        }

        for (var i = 0; i < Scenario.CounterNames.Count; i++)
        {
            output.WriteLine($"  {Scenario.CounterNames[i]}: {Total.Counters[i]} (whole run, warm-up included)");
        }

        if (Scenario.RequestsPerOp > 1)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  requests/s counting {Scenario.RequestsPerOp} per {Scenario.OpName} (no extra inbox polls): {UnitRequestsPerSecond:0.0}"));
        }

        if (Scenario.OpName != "request" && Total.Counters[0] > 0)
        {
            output.WriteLine($"  HTTP requests per {Scenario.OpName}: {(double)Total.RequestsTotal / Math.Max(1, Total.Counters[0] * (Scenario.OpName == "cycle" ? 1 : Options.ChecksPerVerification)):0.00}");
        }

        var seconds = Options.Duration.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  CPU in the window: server {(Cpu.ServerCpu is { } s ? $"{s.TotalSeconds / seconds:0.00} cores, {ServerCpuMsPerOp:0.000} ms per {Scenario.OpName}" : "n/a (no --server-pid)")}; " +
            $"{(Cpu.DbCpu is { } d ? $"database {d.TotalSeconds / seconds:0.00} cores, {DbCpuMsPerOp:0.000} ms per {Scenario.OpName}; " : "")}" +
            $"driver {Cpu.DriverCpu.TotalSeconds / seconds:0.00} cores; machine idle {(Cpu.MachineIdle is { } idle ? $"{idle:P0}" : "n/a")}"));
        output.Write(Verdicts);
        output.WriteLine($"  failed {Scenario.OpName}s: {Total.FailedOps}, errors: {Total.Errors}, correctness: {(Correct ? "ok" : "FAILED")}");
        foreach (var line in ErrorLines)
        {
            output.WriteLine("  " + line);
        }

        // One line, in parts: a concatenation of interpolated strings would lose the invariant-culture handler.
        var inv = CultureInfo.InvariantCulture;
        output.Write(string.Create(inv, $"RESULT scenario={Scenario.Name} connections={Options.Connections} ops={ops.Count} ops_per_s={OpsPerSecond:0.0} requests_per_s={RequestsPerSecond:0.0} unit_requests_per_s={UnitRequestsPerSecond:0.0} "));
        output.Write(string.Create(inv, $"p50_ms={Ms(ops.PercentileMicros(0.50))} p90_ms={Ms(ops.PercentileMicros(0.90))} p99_ms={Ms(ops.PercentileMicros(0.99))} max_ms={Ms(ops.MaxMicros)} "));
        output.Write(string.Create(inv, $"req_p50_ms={Ms(requests.PercentileMicros(0.50))} req_p99_ms={Ms(requests.PercentileMicros(0.99))} errors={Total.Errors} correct={(Correct ? "yes" : "no")} "));
        output.Write(string.Create(inv, $"server_cpu_ms_per_unit={ServerCpuMsPerOp:0.000} db_cpu_ms_per_unit={DbCpuMsPerOp:0.000} driver_cpu_cores={Cpu.DriverCpu.TotalSeconds / Options.Duration.TotalSeconds:0.00} machine_idle_pct={(Cpu.MachineIdle ?? double.NaN) * 100:0}"));
        output.WriteLine(Options.Label.Length > 0 ? " label=" + Options.Label : "");
    }

    private static void Row(TextWriter output, string what, LatencyHistogram h, double perSecond) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {what,-9} | {h.Count,10} | {perSecond,11:0.0} | {Ms(h.PercentileMicros(0.50)),7} | {Ms(h.PercentileMicros(0.90)),7} | {Ms(h.PercentileMicros(0.99)),7} | {Ms(h.MaxMicros),7}"));

    private static string Ms(long micros) => (micros / 1000.0).ToString("0.00", CultureInfo.InvariantCulture);
}
