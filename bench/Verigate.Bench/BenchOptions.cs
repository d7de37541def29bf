using System.Globalization;

namespace Verigate.Bench;

/// <summary>Command-line options; every one has a default so <c>Verigate.Bench cycle</c> alone is a valid run.</summary>
internal sealed class BenchOptions
{
    public const string Usage = """
        Usage: Verigate.Bench <hello|cycle|wrong-guess> [options]
          --url URL[,URL...]      target base URL(s) (default http://127.0.0.1:5080; hello: http://127.0.0.1:5181);
                                  with several, connection i sends all requests of its units to URL[i % n]
          --connections N         concurrent connections, one closed loop each (default 64)
          --duration SECONDS      measured time (default 10)
          --warmup SECONDS        unmeasured time before it (default 3)
          --api-key KEY           Verify API key (default: env VERIGATE_BENCH_API_KEY)
          --channel sms|email     destination kind for cycle and wrong-guess (default sms)
          --checks N              wrong-guess: checks per verification (default 10; the first 5 are 422, then 429)
          --max-attempts N        wrong-guess: the server's attempt limit (default 5)
          --burst N               wrong-guess: parallel wrong checks per verification in the race check (default 50)
          --server-pid PID[,PID]  report the server's CPU time per unit of work (Linux /proc; several: summed)
          --db-pid PID            also report a database's CPU per unit: PID and its child processes (PostgreSQL's
                                  postmaster and its backends)
          --label TEXT            free text shown in the RESULT line
        """;

    public required string Scenario { get; init; }
    public IReadOnlyList<Uri> Urls { get; init; } = [new("http://127.0.0.1:5080")];
    public int Connections { get; init; } = 64;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);
    public string? ApiKey { get; init; } = Environment.GetEnvironmentVariable("VERIGATE_BENCH_API_KEY");
    public string Channel { get; init; } = "sms";
    public int ChecksPerVerification { get; init; } = 10;
    public int MaxAttempts { get; init; } = 5;
    public int Burst { get; init; } = 50;
    public string Label { get; init; } = "";
    public IReadOnlyList<int> ServerPids { get; init; } = [];

    public int? DbPid { get; init; }

    /// <summary>Parses the arguments, or returns null and an error message.</summary>
    public static BenchOptions? Parse(string[] args, out string? error)
    {
        error = null;
        if (args.Length == 0 || args[0] is not ("hello" or "cycle" or "wrong-guess"))
        {
            error = "The first argument must be the scenario: hello, cycle or wrong-guess.";
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                error = $"Unexpected argument '{args[i]}' (options take a value: --name value).";
                return null;
            }

            values[args[i][2..]] = args[++i];
        }

        try
        {
            var scenario = args[0];
            var options = new BenchOptions
            {
                Scenario = scenario,
                Urls = UrlList(Take(values, "url") ?? (scenario == "hello" ? "http://127.0.0.1:5181" : "http://127.0.0.1:5080")),
                Connections = Int(values, "connections", 64, 1, 4096),
                Duration = TimeSpan.FromSeconds(Double(values, "duration", 10, 0.5)),
                Warmup = TimeSpan.FromSeconds(Double(values, "warmup", 3, 0)),
                ApiKey = Take(values, "api-key") ?? Environment.GetEnvironmentVariable("VERIGATE_BENCH_API_KEY"),
                Channel = Take(values, "channel") ?? "sms",
                ChecksPerVerification = Int(values, "checks", 10, 1, 1000),
                MaxAttempts = Int(values, "max-attempts", 5, 1, 100),
                Burst = Int(values, "burst", 50, 1, 1000),
                Label = Take(values, "label") ?? "",
                ServerPids = PidList(Take(values, "server-pid")),
                DbPid = values.ContainsKey("db-pid") ? Int(values, "db-pid", 0, 1, int.MaxValue) : null,
            };
            if (values.Count > 0)
            {
                error = "Unknown option(s): " + string.Join(", ", values.Keys.Select(k => "--" + k));
                return null;
            }

            if (scenario != "hello" && string.IsNullOrEmpty(options.ApiKey))
            {
                error = "The Verify API scenarios need --api-key (or VERIGATE_BENCH_API_KEY).";
                return null;
            }

            if (options.Channel is not ("sms" or "email"))
            {
                error = "--channel must be sms or email.";
                return null;
            }

            return options;
        }
        catch (FormatException e)
        {
            error = e.Message;
            return null;
        }
    }

    private static Uri[] UrlList(string text)
    {
        var urls = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return urls.Length > 0
            ? urls.Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) ? uri : throw new FormatException($"--url: '{u}' is not an absolute URL.")).ToArray()
            : throw new FormatException("--url needs at least one URL.");
    }

    private static int[] PidList(string? text) =>
        text is null
            ? []
            : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0
                    ? pid
                    : throw new FormatException("--server-pid must be one or more process ids, separated by commas."))
                .ToArray();

    private static string? Take(Dictionary<string, string> values, string name) =>
        values.Remove(name, out var value) ? value : null;

    private static int Int(Dictionary<string, string> values, string name, int fallback, int min, int max)
    {
        var text = Take(values, name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new FormatException($"--{name} must be a whole number between {min} and {max}.");
    }

    private static double Double(Dictionary<string, string> values, string name, double fallback, double min)
    {
        var text = Take(values, name);
        if (text is null)
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw new FormatException($"--{name} must be a number of seconds ≥ {min}.");
    }
}
