using System.Net;
using System.Net.Http.Headers;
using Verigate.Bench.Scenarios;

namespace Verigate.Bench;

/// <summary>
/// Runs a scenario as a closed loop per connection: each of N tasks sends its next unit of work as soon as the
/// previous one finished, over one shared SocketsHttpHandler capped at N connections, so concurrency is exactly N.
/// </summary>
internal static class LoadRunner
{
    public static async Task<RunResult> RunAsync(BenchOptions options, IScenario scenario)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = false,
        };
        // One client per target URL over the one handler (its connection cap is per server): connection i sends
        // every request of its units to URL[i % n], so a verification is checked on the instance that started it.
        var clients = options.Urls.Select(url => CreateClient(handler, url, scenario, options.ApiKey)).ToArray();
        using var disposeClients = new ClientsDisposer(clients);
        var client = clients[0];

        // A safety net only: the loops stop by themselves at the end of the window.
        using var cancel = new CancellationTokenSource(options.Warmup + options.Duration + TimeSpan.FromSeconds(60));
        var errors = new ErrorLog();
        var window = new MeasureWindow(options.Warmup, options.Duration);
        var cpu = new CpuSampler(options.ServerPids, options.DbPid);
        var sampling = cpu.SampleAsync(window, cancel.Token);
        var workers = Enumerable.Range(0, options.Connections).Select(i => new WorkerContext(clients[i % clients.Length], window, errors)).ToArray();
        await Task.WhenAll(workers.Select(w => Task.Run(() => LoopAsync(scenario, w, cancel.Token))));
        await sampling;

        var total = new WorkerStats();
        foreach (var worker in workers)
        {
            total.Add(worker.Stats);
        }

        // Collected rather than printed, so the figures come first and the verdicts under them.
        using var verdicts = new StringWriter();
        var correct = await scenario.VerifyAsync(client, total, verdicts, cancel.Token);
        return new RunResult(options, scenario, total, errors.Lines.ToList(), correct, verdicts.ToString(), cpu);
    }

    private static HttpClient CreateClient(SocketsHttpHandler handler, Uri url, IScenario scenario, string? apiKey)
    {
        var client = new HttpClient(handler, disposeHandler: false)
        {
            BaseAddress = url,
            Timeout = TimeSpan.FromSeconds(30),
            DefaultRequestVersion = HttpVersion.Version11,
        };
        if (scenario is not HelloScenario && apiKey is { } key)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    private sealed class ClientsDisposer(HttpClient[] clients) : IDisposable
    {
        public void Dispose()
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    private static async Task LoopAsync(IScenario scenario, WorkerContext worker, CancellationToken ct)
    {
        while (!worker.Window.IsOver && !ct.IsCancellationRequested)
        {
            try
            {
                await scenario.RunOnceAsync(worker, ct);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
            {
                worker.Failed(scenario.Name, e);
            }
        }
    }
}
