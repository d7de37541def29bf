using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests.Security;

/// <summary>The lower-severity findings of the audit: what is stored, sent, logged and left on disk.</summary>
public sealed class HardeningTests
{
    private static Dictionary<string, string?> Settings(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>(VerigateTestServer.Relaxed());
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static async Task<(string Username, string Email, string DeviceToken)> TrustedDeviceAsync(VerigateTestServer server)
    {
        var steps = new AccountSteps(server);
        var owner = await steps.SignUpAsync();
        var started = await (await steps.LoginAsync(owner.Username)).JsonAsync();
        var code = await server.CodeSentToAsync(owner.Email, 2);
        using var client = server.Anonymous();
        var verified = await client.PostAsJsonAsync($"/v1/challenges/{started.Str("challengeId")}/verify", new { code, trustDevice = true });
        Assert.Equal(HttpStatusCode.Created, verified.StatusCode);
        return (owner.Username, owner.Email, (await verified.JsonAsync()).Str("deviceToken"));
    }

    [Fact]
    public async Task A_session_token_answered_under_an_idempotency_key_is_never_stored_or_replayed()
    {
        await using var server = new VerigateTestServer(Settings());
        var (username, _, deviceToken) = await TrustedDeviceAsync(server);
        using var client = server.Anonymous();
        client.DefaultRequestHeaders.Add("Idempotency-Key", "login-1");
        var body = new { login = username, password = AccountSteps.Password, deviceToken };

        var first = await client.PostAsJsonAsync("/v1/sessions", body);
        var second = await client.PostAsJsonAsync("/v1/sessions", body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.False(second.Headers.Contains("Idempotent-Replayed"));
        var token = (await first.JsonAsync()).Str("sessionToken");
        Assert.NotEqual(token, (await second.JsonAsync()).Str("sessionToken"));
        foreach (var file in Directory.EnumerateFiles(server.DataDirectory, "verigate.db*"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var memory = new MemoryStream();
            await stream.CopyToAsync(memory);
            Assert.DoesNotContain(token, Encoding.ASCII.GetString(memory.ToArray()), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Answers_carry_no_store_nosniff_no_referrer_and_framing_protection()
    {
        await using var server = new VerigateTestServer(Settings());
        using var client = server.Anonymous();
        var answers = new[]
        {
            await client.PostAsJsonAsync("/v1/sessions", new { login = "nobody", password = "whatever it is" }),
            await client.PostAsJsonAsync("/v1/password-resets", new { login = "nobody" }),
            await client.GetAsync("/report/VEnothing"),
            await client.GetAsync("/dev/inbox"),
        };

        foreach (var answer in answers)
        {
            Assert.True(answer.Headers.CacheControl?.NoStore, $"{answer.RequestMessage!.RequestUri}: Cache-Control {answer.Headers.CacheControl}");
            Assert.Equal("nosniff", answer.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", answer.Headers.GetValues("Referrer-Policy").Single());
            Assert.Equal("DENY", answer.Headers.GetValues("X-Frame-Options").Single());
        }
    }

    [Fact]
    public async Task An_idle_session_ends_and_a_used_one_lives_on()
    {
        await using var server = new VerigateTestServer(Settings());
        var steps = new AccountSteps(server);
        var used = await steps.SignUpAsync();
        var idle = await steps.SignUpAsync();
        using var usedClient = server.SignedIn(used.SessionToken);
        using var idleClient = server.SignedIn(idle.SessionToken);

        server.Time.Advance(TimeSpan.FromDays(5));
        Assert.Equal(HttpStatusCode.OK, (await usedClient.GetAsync("/v1/me")).StatusCode);
        server.Time.Advance(TimeSpan.FromDays(5));

        Assert.Equal(HttpStatusCode.OK, (await usedClient.GetAsync("/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await idleClient.GetAsync("/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_remembered_device_is_forgotten_after_its_configured_time()
    {
        await using var server = new VerigateTestServer(Settings(("Sessions:RememberDeviceFor", "2.00:00:00")));
        var (username, _, deviceToken) = await TrustedDeviceAsync(server);
        var steps = new AccountSteps(server);
        Assert.Equal(HttpStatusCode.Created, (await steps.LoginAsync(username, deviceToken: deviceToken)).StatusCode);

        server.Time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));

        Assert.Equal(HttpStatusCode.Accepted, (await steps.LoginAsync(username, deviceToken: deviceToken)).StatusCode);
    }

    [Fact]
    public async Task The_data_directory_the_database_and_the_key_ring_are_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Fail("File modes are a Unix matter; run this suite on Linux.");
            return;
        }
        var parent = Directory.CreateTempSubdirectory("verigate-perm-").FullName;
        var data = Path.Combine(parent, "data");
        try
        {
            await using (var server = new VerigateTestServer(Settings(), dataDirectory: data))
            {
                await new AccountSteps(server).SignUpAsync();
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, "verigate.db")));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, "code-hash.key")));
                if (Directory.Exists(Path.Combine(data, "keys")))
                {
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(data, "keys")));
                }
            }
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    [Fact]
    public async Task Kannel_is_called_with_post_so_neither_the_code_nor_the_gateway_password_is_in_a_url()
    {
        using var gateway = new TcpListener(IPAddress.Loopback, 0);
        gateway.Start();
        var port = ((IPEndPoint)gateway.LocalEndpoint).Port;
        var requests = new ConcurrentQueue<string>();
        var serving = Task.Run(async () =>
        {
            using var connection = await gateway.AcceptTcpClientAsync();
            var stream = connection.GetStream();
            var buffer = new byte[65536];
            var read = await stream.ReadAsync(buffer);
            requests.Enqueue(Encoding.UTF8.GetString(buffer, 0, read));
            await stream.WriteAsync("HTTP/1.1 202 Accepted\r\nContent-Length: 7\r\nConnection: close\r\n\r\nSent 0."u8.ToArray());
        });
        await using var server = new VerigateTestServer(Settings(
            ("Delivery:Sms:Kannel:SendSmsUrl", $"http://127.0.0.1:{port}/cgi-bin/sendsms"),
            ("Delivery:Sms:Kannel:Username", "verigate"),
            ("Delivery:Sms:Kannel:Password", "gateway-secret-123")));
        using var api = server.Integrator();

        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/v1/verifications", new { to = "+14155550177", channel = "sms" })).StatusCode);
        await serving.WaitAsync(TimeSpan.FromSeconds(15));

        var request = Assert.Single(requests);
        var requestLine = request[..request.IndexOf('\r', StringComparison.Ordinal)];
        Assert.StartsWith("POST /cgi-bin/sendsms HTTP/1.1", requestLine, StringComparison.Ordinal);
        Assert.DoesNotContain("gateway-secret-123", requestLine, StringComparison.Ordinal);
        Assert.Contains("X-Kannel-Password: gateway-secret-123", request, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Receipt_tokens_in_request_paths_are_not_logged()
    {
        var logged = new ConcurrentQueue<string>();
        await using var server = new VerigateTestServer(
            Settings(("Logging:LogLevel:Default", "Information"), ("Logging:LogLevel:Microsoft", "Information")),
            services: s => s.AddSingleton<ILoggerProvider>(new RecordingLoggerProvider(logged)));
        using var client = server.Anonymous();
        const string token = "ab12cd34ef56ab12cd34ef56ab12cd34";

        await client.GetAsync($"/v1/delivery-receipts/kannel/VEany/1/{token}?type=1");

        Assert.NotEmpty(logged); // the recorder works: start-up logged at Information
        Assert.DoesNotContain(logged, line => line.Contains(token, StringComparison.Ordinal));
    }
}
