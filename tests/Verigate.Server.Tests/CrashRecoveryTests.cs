using System.Net;
using System.Net.Http.Json;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests;

/// <summary>kill -9 at the worst moments: nothing committed is lost, nothing is sent twice, codes keep working.</summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("verigate-crash-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<List<InboxMessage>> InboxAsync(ServerProcess server, string? to = null)
    {
        using var client = server.Client(null);
        var query = to is null ? string.Empty : "?to=" + Uri.EscapeDataString(to);
        return await client.GetFromJsonAsync<List<InboxMessage>>("/v1/dev/messages" + query) ?? [];
    }

    private static async Task<List<InboxMessage>> WaitForInboxAsync(ServerProcess server, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var messages = await InboxAsync(server);
            if (messages.Count >= count || DateTime.UtcNow > deadline)
            {
                return messages;
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_kill_between_commit_and_dispatch_loses_nothing_the_message_goes_out_once_and_the_code_works()
    {
        string id;
        using (var first = await ServerProcess.StartAsync(_data, new Dictionary<string, string> { ["Delivery__Dispatcher__Enabled"] = "false" }))
        {
            using var api = first.Client();
            var started = await api.PostAsJsonAsync("/v1/verifications", new { to = "+4915140000001", channel = "sms" });
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
            id = (await started.JsonAsync()).Str("id");
            Assert.Empty(await InboxAsync(first));
            first.Kill();
        }

        using var second = await ServerProcess.StartAsync(_data);
        var messages = await WaitForInboxAsync(second, 1);
        await Task.Delay(500);
        messages = await InboxAsync(second);

        var message = Assert.Single(messages);
        using var api2 = second.Client();
        var check = await api2.PostAsJsonAsync($"/v1/verifications/{id}/check", new { code = VerigateTestServer.CodeOf(message) });
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
    }

    [Fact]
    public async Task A_kill_in_the_middle_of_dispatching_delivers_every_message_exactly_once()
    {
        const int count = 60;
        var ids = new Dictionary<string, string>();
        using (var first = await ServerProcess.StartAsync(_data))
        {
            using var api = first.Client();
            var responses = await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
            {
                var to = $"+49151500{i:D5}";
                var response = await api.PostAsJsonAsync("/v1/verifications", new { to, channel = "sms" });
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                return (to, (await response.JsonAsync()).Str("id"));
            }));
            first.Kill();
            foreach (var (to, id) in responses)
            {
                ids[to] = id;
            }
        }

        using var second = await ServerProcess.StartAsync(_data);
        await WaitForInboxAsync(second, count);
        await Task.Delay(500);
        var messages = await InboxAsync(second);

        Assert.Equal(count, messages.Count);
        Assert.Equal(ids.Keys.Order(), messages.Select(m => m.To).Order());
        using var api2 = second.Client();
        foreach (var message in messages.Take(5))
        {
            var check = await api2.PostAsJsonAsync($"/v1/verifications/{ids[message.To]}/check", new { code = VerigateTestServer.CodeOf(message) });
            Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        }
    }
}
