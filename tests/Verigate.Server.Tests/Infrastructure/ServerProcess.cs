using System.Diagnostics;
using System.Net;

namespace Verigate.Server.Tests.Infrastructure;

/// <summary>
/// The built Verigate.Server.dll as its own process, for what only a real process can show: surviving kill -9,
/// and the command-line tools.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    private ServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Everything the process wrote to stdout and stderr so far, one entry per line.</summary>
    public IReadOnlyCollection<string> Output => _output;

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public static Dictionary<string, string> Environment(string dataDirectory) => new()
    {
        ["Verigate__DataDirectory"] = dataDirectory,
        ["VerifyApi__Keys__tests"] = VerigateTestServer.ApiKey,
        ["RateLimits__SendsPerIp__Count"] = "100000",
        ["RateLimits__SendsPerPhonePrefix__Count"] = "100000",
        // Bulk tests send many unchecked codes to one prefix; the SMS guard has tests of its own.
        ["SmsGuard__SendsPerPrefixPerDay__Count"] = "100000",
        ["SmsGuard__ConversionWatch__Enabled"] = "false",
        ["RateLimits__SendsPerApiKey__Count"] = "100000",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Storage__OnNestedSession"] = "Fail",
        // Test gateways (SMTP sink, Kannel) run on loopback, so the public URL is loopback on purpose.
        ["Verigate__AllowLoopbackPublicUrl"] = "true",
        // The test webhook receiver is plain http on loopback; the address filter has tests of its own.
        ["Webhooks__AllowInsecureUrls"] = "true",
        ["Webhooks__AllowPrivateAddresses"] = "true",
        ["DOTNET_gcServer"] = "0",
    };

    public static async Task<ServerProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string>? extra = null, int? port = null)
    {
        var chosen = port ?? LoopbackPort.Free();
        var start = Describe(dataDirectory, ["--urls", $"http://127.0.0.1:{chosen}"], extra);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Verigate.Server.");
        var server = new ServerProcess(process, chosen);
        process.OutputDataReceived += (_, e) => server.Record(e.Data);
        process.ErrorDataReceived += (_, e) => server.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>
    /// Starts the server in a fresh data directory with <paramref name="key"/> set to <paramref name="value"/> and asserts
    /// that the start is refused with a message containing <paramref name="named"/> (the key itself by default).
    /// </summary>
    public static async Task AssertStartRefusedAsync(string key, string value, string? named = null)
    {
        var data = Directory.CreateTempSubdirectory("verigate-settings-").FullName;
        try
        {
            var run = await RunCommandAsync(data, "--urls", "http://127.0.0.1:0", $"--{key}", value);

            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains(named ?? key, run.Output + run.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Runs a command of the server binary (such as <c>apikey create</c>) to completion.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunCommandAsync(string dataDirectory, params string[] args) =>
        RunCommandAsync(dataDirectory, null, args);

    /// <summary>Runs a command with extra environment (settings as <c>Section__Key</c>).</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunCommandAsync(
        string dataDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = Describe(dataDirectory, args, environment);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Verigate.Server.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, (await output).Trim(), (await error).Trim());
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash or an OOM kill.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public HttpClient Client(string? apiKey = VerigateTestServer.ApiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private static ProcessStartInfo Describe(string dataDirectory, IEnumerable<string> args, IReadOnlyDictionary<string, string>? extra)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = dataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Verigate.Server.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in Environment(dataDirectory))
        {
            start.Environment[key] = value;
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return start;
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Verigate.Server exited with {_process.ExitCode} during start-up.");
            }

            try
            {
                if ((await client.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("Verigate.Server did not become ready within 60 s.");
    }
}
