using System.Net.Http.Json;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests;

/// <summary>
/// What an operator sees when a start cannot succeed, on the real binary: one line naming the setting and what to
/// do, exit code 1 (never a stack trace, never an abort).
/// </summary>
public sealed class StartupRefusalTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("verigate-refusal-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task A_short_configured_api_key_stops_the_start_naming_the_setting()
    {
        var run = await RunServerAsync(new() { ["VerifyApi__Keys__mykey"] = "abc" });

        AssertOneLineRefusal(run, "VerifyApi:Keys:mykey must be at least 32 characters");
    }

    [Fact]
    public async Task An_unusable_data_directory_is_named_and_exits_1_not_134()
    {
        var run = await RunServerAsync(new() { ["Verigate__DataDirectory"] = "/proc/verigate" });

        AssertOneLineRefusal(run, "Verigate:DataDirectory '/proc/verigate' is not a writable directory");
    }

    [Fact]
    public async Task A_port_in_use_is_one_clear_line_without_the_background_service_noise()
    {
        using var first = await ServerProcess.StartAsync(_data);
        var other = Directory.CreateTempSubdirectory("verigate-refusal-port-").FullName;
        try
        {
            var run = await ServerProcess.RunCommandAsync(other, "--urls", $"http://127.0.0.1:{first.Port}");

            AssertOneLineRefusal(run, "address already in use");
            Assert.Contains("--urls", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("BackgroundService", run.Output + run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("crit:", run.Output + run.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(other, recursive: true);
        }
    }

    [Fact]
    public async Task A_second_server_on_one_sqlite_data_directory_is_refused_until_the_first_is_gone_even_after_kill_9()
    {
        using (var first = await ServerProcess.StartAsync(_data))
        {
            var second = await RunServerAsync();

            AssertOneLineRefusal(second, "is in use by another running Verigate server");
            Assert.Equal("ready", await first.Client().GetStringAsync("/readyz"));
            first.Kill();
        }

        using var after = await ServerProcess.StartAsync(_data);
        Assert.Equal("ready", await after.Client().GetStringAsync("/readyz"));
    }

    [Fact]
    public async Task A_real_gateway_with_a_loopback_public_url_is_refused_unless_explicitly_allowed()
    {
        var run = await RunServerAsync(new()
        {
            ["Verigate__AllowLoopbackPublicUrl"] = "false",
            ["Delivery__Email__Smtp__Host"] = "127.0.0.1",
            ["Delivery__Email__Smtp__Port"] = "2525",
            ["Delivery__Email__Smtp__Security"] = "None",
            ["Delivery__Email__Smtp__From"] = "Verigate <no-reply@mail.example.test>",
        });

        AssertOneLineRefusal(run, "Verigate:PublicBaseUrl is the loopback address");
        Assert.Contains("Verigate:AllowLoopbackPublicUrl", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_postgresql_is_one_line_naming_the_connection_string_setting()
    {
        // A loopback port nothing listens on: the connection is refused at once, as for a database that is down.
        var run = await RunServerAsync(new()
        {
            ["Storage__Provider"] = "Postgres",
            ["Storage__ConnectionString"] = $"Host=127.0.0.1;Port={LoopbackPort.Free()};Database=verigate;Username=verigate;Password=unused;Timeout=5",
        });

        AssertOneLineRefusal(run, "the PostgreSQL database in Storage:ConnectionString cannot be reached");
    }

    [Fact]
    public async Task Another_code_hash_key_than_the_databases_is_one_line_naming_the_setting()
    {
        using (var first = await ServerProcess.StartAsync(_data, new Dictionary<string, string> { ["Codes__HashKey"] = NewHashKey() }))
        {
            Assert.Equal("ready", await first.Client().GetStringAsync("/readyz"));
        }

        var run = await RunServerAsync(new() { ["Codes__HashKey"] = NewHashKey() });

        AssertOneLineRefusal(run, "code hash key (Codes:HashKey, or code-hash.key in the data directory) is not the key this database was set up with");
    }

    private static string NewHashKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task Without_a_public_url_links_in_messages_follow_the_listening_address()
    {
        using var server = await ServerProcess.StartAsync(_data);
        using var api = server.Client();
        (await api.PostAsJsonAsync("/v1/verifications", new { to = "links@example.com", channel = "email" })).EnsureSuccessStatusCode();

        var body = await WaitForInboxBodyAsync(api, "links@example.com");

        Assert.Contains($"http://127.0.0.1:{server.Port}/report/", body, StringComparison.Ordinal);
        Assert.DoesNotContain(":5080", body, StringComparison.Ordinal);
    }

    private static async Task<string> WaitForInboxBodyAsync(HttpClient api, string to)
    {
        for (var i = 0; i < 150; i++)
        {
            var messages = await api.GetFromJsonAsync<List<InboxMessage>>($"/v1/dev/messages?to={Uri.EscapeDataString(to)}") ?? [];
            if (messages.Count > 0)
            {
                return messages[0].Body;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("No message reached the development inbox.");
    }

    private Task<(int ExitCode, string Output, string Error)> RunServerAsync(Dictionary<string, string>? environment = null) =>
        ServerProcess.RunCommandAsync(_data, environment, "--urls", $"http://127.0.0.1:{LoopbackPort.Free()}");

    private static void AssertOneLineRefusal((int ExitCode, string Output, string Error) run, string expected)
    {
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Verigate did not start: ", run.Error, StringComparison.Ordinal);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Output + run.Error, StringComparison.Ordinal);
    }
}
