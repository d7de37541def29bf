using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests.Delivery;

/// <summary>
/// kill -9 of Verigate while it sends email to a real SMTP server: every message arrives, none is lost, and the
/// only duplicates are ones the server had already accepted when the process died, with the same Message-ID.
/// </summary>
public sealed class SmtpCrashTests : IAsyncLifetime
{
    private const int Count = 300;
    private readonly string _data = Directory.CreateTempSubdirectory("verigate-smtp-crash-").FullName;
    private readonly SmtpSink _sink = new();

    private Dictionary<string, string> Settings(bool dispatch) => new()
    {
        ["Delivery__Email__Smtp__Host"] = "127.0.0.1",
        ["Delivery__Email__Smtp__Port"] = _sink.Port.ToString(CultureInfo.InvariantCulture),
        ["Delivery__Email__Smtp__Security"] = "None",
        ["Delivery__Email__Smtp__From"] = "Verigate <no-reply@mail.example.test>",
        ["Delivery__Dispatcher__Enabled"] = dispatch ? "true" : "false",
        ["Delivery__Dispatcher__Lease"] = "00:00:05",
        ["Delivery__Dispatcher__Concurrency"] = "4",
    };

    [Fact]
    public async Task A_kill_mid_sending_loses_no_email_and_duplicates_only_what_the_server_had_accepted()
    {
        var ids = new Dictionary<string, string>();
        using (var queueing = await ServerProcess.StartAsync(_data, Settings(dispatch: false)))
        {
            using var api = queueing.Client();
            for (var i = 0; i < Count; i++)
            {
                var to = $"crash{i}@example.com";
                var response = await api.PostAsJsonAsync("/v1/verifications", new { to, channel = "email" });
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                ids[to] = (await response.JsonAsync()).Str("id");
            }
        }

        using (var sending = await ServerProcess.StartAsync(_data, Settings(dispatch: true)))
        {
            await WaitUntilAsync(() => _sink.Messages.Count >= Count / 3);
            sending.Kill();
        }

        var atKill = _sink.Messages.Count;
        using var resumed = await ServerProcess.StartAsync(_data, Settings(dispatch: true));
        await WaitUntilAsync(() => _sink.Messages.Select(m => m.MessageId).Distinct().Count() >= Count);
        await Task.Delay(500);

        var messages = _sink.Messages.ToList();
        var byRecipient = messages.GroupBy(m => m.To.Mailboxes.Single().Address).ToList();
        Assert.True(atKill < Count, $"The kill came too late to test anything ({atKill} of {Count} had arrived).");
        Assert.Equal(Count, byRecipient.Count);
        Assert.All(byRecipient, g => Assert.Single(g.Select(m => m.MessageId).Distinct()));
        Assert.InRange(messages.Count - Count, 0, 64); // at most the batch that was in flight when the process died

        using var api2 = resumed.Client();
        foreach (var group in byRecipient.Take(5))
        {
            var code = System.Text.RegularExpressions.Regex.Match(group.First().TextBody ?? string.Empty, @"^\s{4}(\d+)\s*$", System.Text.RegularExpressions.RegexOptions.Multiline).Groups[1].Value;
            var check = await api2.PostAsJsonAsync($"/v1/verifications/{ids[group.Key]}/check", new { code });
            Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the SMTP sink.");
            await Task.Delay(20);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _sink.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
