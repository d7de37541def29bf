using System.Diagnostics;
using System.Globalization;

namespace Verigate.Bench;

/// <summary>
/// CPU time over the measured window, from /proc (Linux): the server's (when its PID is given), the driver's own,
/// and the whole machine's idle share. Several server PIDs are summed; a database PID counts with its children. On a shared two-core machine requests/s move with the neighbours' load;
/// CPU milliseconds per unit of work move much less, and the idle share says how quiet the machine was.
/// </summary>
internal sealed class CpuSampler(IReadOnlyList<int> serverPids, int? dbPid)
{
    // USER_HZ: the unit of /proc/<pid>/stat times; 100 on every mainstream Linux build.
    private const double ClockTicksPerSecond = 100;

    public TimeSpan? ServerCpu { get; private set; }

    public TimeSpan? DbCpu { get; private set; }

    public TimeSpan DriverCpu { get; private set; }

    /// <summary>Share of all cores' time the machine spent idle during the window, 0..1; null where /proc/stat is missing.</summary>
    public double? MachineIdle { get; private set; }

    public async Task SampleAsync(MeasureWindow window, CancellationToken ct)
    {
        await DelayUntilAsync(window.Start, ct);
        var server0 = ServerTicks();
        var db0 = DbTicks();
        var driver0 = Process.GetCurrentProcess().TotalProcessorTime;
        var machine0 = MachineTicks();
        await DelayUntilAsync(window.End, ct);
        var server1 = ServerTicks();
        var db1 = DbTicks();
        DriverCpu = Process.GetCurrentProcess().TotalProcessorTime - driver0;
        var machine1 = MachineTicks();
        if (server0 is { } s0 && server1 is { } s1)
        {
            ServerCpu = TimeSpan.FromSeconds((s1 - s0) / ClockTicksPerSecond);
        }

        if (db0 is { } d0 && db1 is { } d1)
        {
            DbCpu = TimeSpan.FromSeconds(d1.Sum(p => p.Value - d0.GetValueOrDefault(p.Key)) / ClockTicksPerSecond);
        }

        if (machine0 is { } m0 && machine1 is { } m1 && m1.Total > m0.Total)
        {
            MachineIdle = (double)(m1.Idle - m0.Idle) / (m1.Total - m0.Total);
        }
    }

    private static async Task DelayUntilAsync(long timestamp, CancellationToken ct)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, ct);
        }
    }

    // utime + stime of the server(s), summed; null when any of them cannot be read.
    private long? ServerTicks()
    {
        if (serverPids.Count == 0)
        {
            return null;
        }

        long sum = 0;
        foreach (var pid in serverPids)
        {
            if (ProcessTicks(pid) is not { } ticks)
            {
                return null;
            }

            sum += ticks.Cpu;
        }

        return sum;
    }

    // utime + stime of the database's main process and of every process whose parent it is (PostgreSQL: one
    // backend per connection, plus the WAL writer, checkpointer …), by PID, so a backend that starts during the
    // window counts from zero. A backend that exits during the window loses its time; Npgsql pools connections.
    private Dictionary<int, long>? DbTicks()
    {
        if (dbPid is not { } root || ProcessTicks(root) is not { } rootTicks)
        {
            return null;
        }

        var ticks = new Dictionary<int, long> { [root] = rootTicks.Cpu };
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && pid != root && ProcessTicks(pid) is { } t && t.Parent == root)
            {
                ticks[pid] = t.Cpu;
            }
        }

        return ticks;
    }

    // The command name (field 2) may hold spaces, so fields are counted after its ')'.
    private static (long Cpu, int Parent)? ProcessTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture),
                int.Parse(fields[1], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // The "cpu" line of /proc/stat: idle + iowait against the sum of all states.
    private static (long Idle, long Total)? MachineTicks()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").First();
            var values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            return (values[3] + values[4], values.Sum());
        }
        catch (IOException)
        {
            return null;
        }
    }
}
