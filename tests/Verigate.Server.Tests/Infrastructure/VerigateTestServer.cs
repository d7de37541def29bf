using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Verigate.Core.Storage;

namespace Verigate.Server.Tests.Infrastructure;

/// <summary>
/// The real Verigate application on Kestrel at a loopback port, with its own SQLite file in a temporary data
/// directory and a fake clock. Requests travel over real HTTP.
/// </summary>
public sealed partial class VerigateTestServer : WebApplicationFactory<Program>
{
    public const string ApiKey = "test-api-key-0123456789abcdefghijklmnopqrstuvwxyz";
    public const string OtherApiKey = "other-api-key-0123456789abcdefghijklmnopqrstuvwxyz";

    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly bool _ownsDataDirectory;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="settings">Configuration for this instance.</param>
    /// <param name="dataDirectory">A data directory to reuse (it is then left in place); by default a fresh one, deleted at the end.</param>
    /// <param name="port">A fixed loopback port (for callbacks configured before start); 0 picks a free one.</param>
    /// <param name="services">More services for this instance (such as a logger provider that records what is logged).</param>
    public VerigateTestServer(
        IReadOnlyDictionary<string, string?>? settings = null, string? dataDirectory = null, int port = 0, Action<IServiceCollection>? services = null)
    {
        _services = services;
        _ownsDataDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("verigate-test-").FullName;
        _settings = settings ?? new Dictionary<string, string?>();
        UseKestrel(port);
        StartServer();
    }

    /// <summary>Settings that lift the per-IP limits: every test request comes from 127.0.0.1.</summary>
    public static IReadOnlyDictionary<string, string?> Relaxed(IReadOnlyDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["RateLimits:SendsPerIp:Count"] = "100000",
            ["RateLimits:LoginsPerIp:Count"] = "100000",
            ["RateLimits:SendsPerPhonePrefix:Count"] = "100000",
            // Bulk tests send many unchecked codes to one prefix; the SMS guard has tests of its own.
            ["SmsGuard:SendsPerPrefixPerDay:Count"] = "100000",
            ["SmsGuard:ConversionWatch:Enabled"] = "false",
            ["RateLimits:SendsPerApiKey:Count"] = "100000",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public string DataDirectory { get; }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Verigate:DataDirectory", DataDirectory);
        builder.UseSetting("VerifyApi:Keys:tests", ApiKey);
        builder.UseSetting("VerifyApi:Keys:other", OtherApiKey);
        builder.UseSetting("Storage:MaintenanceInterval", "01:00:00");
        // Every test checks that no flow opens a session while it holds one (see SessionNesting).
        builder.UseSetting("Storage:OnNestedSession", "Fail");
        builder.UseSetting("Verigate:AllowLoopbackPublicUrl", "true");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Verigate.Server.Hosting.StartupChecks", "Error");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            _services?.Invoke(services);
        });
    }

    public HttpClient Anonymous() => CreateClient();

    /// <summary>
    /// A client whose connections come from <paramref name="ip"/>, any address of the loopback range (127.0.0.0/8):
    /// the server sees it as the caller's IP, so tests can tell an attacker from the account's owner.
    /// </summary>
    public HttpClient From(string ip)
    {
        Uri server;
        using (var probe = CreateClient())
        {
            server = probe.BaseAddress!;
        }

        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(ip), 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, server.Port), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = server };
    }

    public HttpClient Integrator(string key = ApiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public HttpClient SignedIn(string sessionToken)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", sessionToken);
        return client;
    }

    /// <summary>
    /// Waits (on the real clock) until the development inbox holds <paramref name="count"/> messages for <paramref name="to"/>.
    /// New-sign-in alerts follow every new-device sign-in; they are left out unless <paramref name="withAlerts"/>, so a
    /// test counting codes and notices is not thrown off by them.
    /// </summary>
    public async Task<IReadOnlyList<InboxMessage>> WaitForMessagesAsync(string to, int count = 1, bool withAlerts = false)
    {
        using var client = CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var messages = (await client.GetFromJsonAsync<List<InboxMessage>>($"/v1/dev/messages?to={Uri.EscapeDataString(to)}") ?? [])
                .Where(m => withAlerts || !IsNewSignInAlert(m)).ToList();
            if (messages.Count >= count)
            {
                return messages;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} message(s) for {to} in the development inbox, found {messages.Count}.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>
    /// Waits (on the real clock) until the outbox holds nothing still to send. Every request that sends writes its
    /// message in its own transaction, and the dispatcher files a delivered message in the development inbox in the
    /// transaction that completes it; so once this returns, the inbox holds everything the requests so far will ever
    /// send. A test asserting that something was <em>not</em> sent waits on this, not on a guess at the dispatcher's pace.
    /// </summary>
    public async Task WaitForOutboxDrainedAsync()
    {
        var store = Services.GetRequiredService<IStore>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            int pending;
            await using (var read = await store.OpenReadAsync(CancellationToken.None))
            {
                pending = await read.Outbox.CountPendingAsync(CancellationToken.None);
            }

            if (pending == 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The outbox still holds {pending} message(s) to send after 15 s.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>A "new sign-in to your account" alert (in English, the tests' language), by email or SMS.</summary>
    public static bool IsNewSignInAlert(InboxMessage message) =>
        message.Subject?.StartsWith("New sign-in to your", StringComparison.Ordinal) == true
        || (message.Channel == "sms" && message.Body.Contains(": new sign-in on ", StringComparison.Ordinal));

    /// <summary>The code of the newest message to <paramref name="to"/>, read from its origin-bound last line.</summary>
    public async Task<string> CodeSentToAsync(string to, int expectedMessages = 1)
    {
        var messages = await WaitForMessagesAsync(to, expectedMessages);
        return CodeOf(messages[0]);
    }

    public static string CodeOf(InboxMessage message)
    {
        var match = message.Channel == "sms" ? SmsCode().Match(message.Body) : EmailCode().Match(message.Body);
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException("No code in message: " + message.Body);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!_ownsDataDirectory)
        {
            return;
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // a file still open on a slow shutdown: the OS temp cleaner takes it
        }
    }

    [GeneratedRegex(@"#(\d+)$")]
    private static partial Regex SmsCode();

    [GeneratedRegex(@"^\s{4}(\d+)$", RegexOptions.Multiline)]
    private static partial Regex EmailCode();
}

public sealed record InboxMessage(string Id, string To, string Channel, string? Subject, string Body, DateTime CreatedAt);

/// <summary>Reading answers in tests.</summary>
public static class HttpAssertions
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>Asserts an RFC 9457 problem with the given status and code, and returns it.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, int status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"Expected {status} {code}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.Equal("urn:verigate:problem:" + code, problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString()!;
}
