using System.Diagnostics;
using System.Globalization;

namespace Verigate.Bench;

/// <summary>
/// CPU time over the measured window, from /proc (Linux): the server's (when its PID is given), the driver's own,
/// and the whole machine's idle share. On a shared two-core machine requests/s move with the neighbours' load;
/// CPU milliseconds per unit of work move much less, and the idle share says how quiet the machine was.
/// </summary>
internal sealed class CpuSampler(int? serverPid)
{
    // USER_HZ: the unit of /proc/<pid>/stat times; 100 on every mainstream Linux build.
    private const double ClockTicksPerSecond = 100;

    public TimeSpan? ServerCpu { get; private set; }

    public TimeSpan DriverCpu { get; private set; }

    /// <summary>Share of all cores' time the machine spent idle during the window, 0..1; null where /proc/stat is missing.</summary>
    public double? MachineIdle { get; private set; }

    public async Task SampleAsync(MeasureWindow window, CancellationToken ct)
    {
        await DelayUntilAsync(window.Start, ct);
        var server0 = ServerTicks();
        var driver0 = Process.GetCurrentProcess().TotalProcessorTime;
        var machine0 = MachineTicks();
        await DelayUntilAsync(window.End, ct);
        var server1 = ServerTicks();
        DriverCpu = Process.GetCurrentProcess().TotalProcessorTime - driver0;
        var machine1 = MachineTicks();
        if (server0 is { } s0 && server1 is { } s1)
        {
            ServerCpu = TimeSpan.FromSeconds((s1 - s0) / ClockTicksPerSecond);
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

    // utime + stime of the server. The command name (field 2) may hold spaces, so fields are counted after its ')'.
    private long? ServerTicks()
    {
        try
        {
            if (serverPid is not { } pid)
            {
                return null;
            }

            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException)
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
