using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Verigate.Server.Tests.Infrastructure;
using Verigate.Server.Webhooks;

namespace Verigate.Server.Tests;

/// <summary>
/// Signed webhooks from the real server binary to a real HTTP receiver that verifies every signature: the events,
/// their order, retries, dead letters and replay, secret rotation, the admin CLI, and exactly-once across kill -9.
/// </summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("verigate-webhooks-").FullName;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task A_verifications_events_arrive_signed_in_order_with_the_send_attempts()
    {
        using var server = await ServerProcess.StartAsync(_data);
        using var api = server.Client();
        await AddEndpointAsync(api);

        var approvedId = await StartAsync(api, "+4915140000101");
        var code = VerigateTestServer.CodeOf((await WaitForInboxAsync(server, "+4915140000101")).Single());
        await WaitForTypesAsync(approvedId, "verification.pending", "delivery.delivered");
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync($"/v1/verifications/{approvedId}/check", new { code })).StatusCode);

        var canceledId = await StartAsync(api, "+4915140000102");
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/v1/verifications/{canceledId}/cancel", null)).StatusCode);

        var exhaustedId = await StartAsync(api, "+4915140000103");
        for (var i = 0; i < 5; i++)
        {
            await api.PostAsJsonAsync($"/v1/verifications/{exhaustedId}/check", new { code = "0000000" });
        }

        var approved = await WaitForTypesAsync(approvedId, "verification.pending", "delivery.delivered", "verification.approved");
        Assert.Equal(["verification.pending", "delivery.delivered", "verification.approved"], approved.Select(r => r.Type));
        var attempts = approved[1].Data.GetProperty("sendCodeAttempts");
        Assert.Equal(1, attempts.GetArrayLength());
        Assert.Equal("sms", attempts[0].GetProperty("channel").GetString());
        Assert.Equal("approved", approved[2].Data.GetProperty("status").GetString());
        Assert.DoesNotContain(code, approved.Select(r => r.Body));
        Assert.DoesNotContain("+4915140000101", string.Concat(approved.Select(r => r.Body)), StringComparison.Ordinal);

        Assert.Contains("verification.canceled", (await WaitForTypesAsync(canceledId, "verification.canceled")).Select(r => r.Type));
        Assert.Contains("verification.max_attempts_reached", (await WaitForTypesAsync(exhaustedId, "verification.max_attempts_reached")).Select(r => r.Type));

        Assert.All(_receiver.Received, r =>
        {
            Assert.True(r.SignatureValid, "every request carries a valid Standard Webhooks signature");
            Assert.StartsWith("msg_", r.Id, StringComparison.Ordinal);
            Assert.InRange(r.Timestamp, DateTimeOffset.UtcNow.AddMinutes(-2).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        });
        Assert.False(WebhookSignature.Verify(WebhookSignature.NewSecret(), approved[0].Id, approved[0].Timestamp, approved[0].Body, approved[0].Signature));
    }

    [Fact]
    public async Task A_failing_endpoint_is_retried_with_the_same_id_then_dead_visible_and_replayable()
    {
        using var server = await ServerProcess.StartAsync(_data, new Dictionary<string, string>
        {
            ["Webhooks__RetryBase"] = "00:00:00.100",
            ["Webhooks__RetryMax"] = "00:00:00.400",
            ["Webhooks__GiveUpAfter"] = "00:00:03",
        });
        using var api = server.Client();
        var endpoint = await AddEndpointAsync(api, "verification.pending");
        _receiver.Status = 503;

        await StartAsync(api, "+4915140000201");
        var dead = await WaitForDeliveriesAsync(api, endpoint, "dead", 1);
        var deadDelivery = Assert.Single(dead);
        Assert.True(deadDelivery.GetProperty("attempts").GetInt32() > 2, "retried before giving up");
        Assert.Contains("503", deadDelivery.Str("lastError"), StringComparison.Ordinal);
        var tries = _receiver.Received.Where(r => r.Id == deadDelivery.Str("eventId")).ToList();
        Assert.True(tries.Count > 2);
        Assert.Single(tries.Select(t => t.Body).Distinct());

        _receiver.Status = 204;
        var replay = await api.PostAsJsonAsync($"/v1/webhooks/{endpoint}/replay", new { deliveryId = deadDelivery.Str("id") });
        Assert.Equal(1, (await replay.JsonAsync()).GetProperty("replayed").GetInt32());
        await _receiver.WaitForAsync(all => all.Any(r => r.Id == deadDelivery.Str("eventId") && r.AnsweredStatus == 204));
        Assert.Single(await WaitForDeliveriesAsync(api, endpoint, "delivered", 1));
        Assert.Empty(await WaitForDeliveriesAsync(api, endpoint, "dead", 0));
    }

    [Fact]
    public async Task A_rotated_secret_signs_beside_the_old_one_and_other_keys_cannot_see_the_endpoint()
    {
        using var server = await ServerProcess.StartAsync(_data);
        using var api = server.Client();
        var endpoint = await AddEndpointAsync(api);
        var oldSecret = _receiver.Secrets.Single();

        var rotated = await api.PostAsync($"/v1/webhooks/{endpoint}/rotate-secret", null);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var newSecret = (await rotated.JsonAsync()).Str("secret");
        Assert.NotEqual(oldSecret, newSecret);

        var id = await StartAsync(api, "+4915140000301");
        var pending = (await WaitForTypesAsync(id, "verification.pending"))[0];
        Assert.Equal(2, pending.Signature.Split(' ').Length);
        Assert.True(WebhookSignature.Verify(newSecret, pending.Id, pending.Timestamp, pending.Body, pending.Signature));
        Assert.True(WebhookSignature.Verify(oldSecret, pending.Id, pending.Timestamp, pending.Body, pending.Signature));

        using var other = server.Client("not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/v1/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync("/v1/webhooks/whe_000000000000000000000000")).StatusCode);
        var badUrl = await api.PostAsJsonAsync("/v1/webhooks", new { url = "ftp://example.com/hook" });
        await badUrl.ProblemAsync(400, "invalid_request");
        var badType = await api.PostAsJsonAsync("/v1/webhooks", new { url = _receiver.Url, events = new[] { "nope" } });
        await badType.ProblemAsync(400, "invalid_request");
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/v1/webhooks/{endpoint}")).StatusCode);
        Assert.Empty((await api.GetFromJsonAsync<JsonElement>("/v1/webhooks")).GetProperty("endpoints").EnumerateArray());
    }

    [Fact]
    public async Task The_admin_cli_adds_lists_rotates_and_removes_operator_endpoints_that_receive_every_keys_events()
    {
        var added = await ServerProcess.RunCommandAsync(_data, "webhook", "add", "--url", _receiver.Url);
        Assert.Equal(0, added.ExitCode);
        Assert.StartsWith(WebhookSignature.SecretPrefix, added.Output, StringComparison.Ordinal);
        _receiver.Secrets.Add(added.Output);

        var listed = await ServerProcess.RunCommandAsync(_data, "webhook", "list");
        var endpointId = listed.Output.Split('\t')[0];
        Assert.StartsWith("whe_", endpointId, StringComparison.Ordinal);
        Assert.Contains("operator", listed.Output, StringComparison.Ordinal);

        using (var server = await ServerProcess.StartAsync(_data))
        {
            using var api = server.Client();
            var id = await StartAsync(api, "+4915140000401");
            Assert.True((await WaitForTypesAsync(id, "verification.pending"))[0].SignatureValid);
        }

        var rotated = await ServerProcess.RunCommandAsync(_data, "webhook", "rotate-secret", "--id", endpointId);
        Assert.Equal(0, rotated.ExitCode);
        Assert.StartsWith(WebhookSignature.SecretPrefix, rotated.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await ServerProcess.RunCommandAsync(_data, "webhook", "replay", "--id", endpointId)).ExitCode);
        Assert.Equal(0, (await ServerProcess.RunCommandAsync(_data, "webhook", "remove", "--id", endpointId)).ExitCode);
        Assert.Equal(1, (await ServerProcess.RunCommandAsync(_data, "webhook", "remove", "--id", endpointId)).ExitCode);
        Assert.Equal(1, (await ServerProcess.RunCommandAsync(_data, "webhook", "add", "--url", "ftp://x")).ExitCode);
        var usage = await ServerProcess.RunCommandAsync(_data, "webhook");
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("usage: webhook", usage.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kill_9_mid_sending_loses_no_event_and_each_event_keeps_one_id()
    {
        const int count = 30;
        var ids = new List<string>();
        _receiver.Delay = TimeSpan.FromMilliseconds(100);
        using (var first = await ServerProcess.StartAsync(_data))
        {
            using var api = first.Client();
            await AddEndpointAsync(api);
            for (var i = 0; i < count; i++)
            {
                ids.Add(await StartAsync(api, $"+49151600{i:D5}"));
            }

            await _receiver.WaitForAsync(all => all.Count >= 8);
            first.Kill();
        }

        _receiver.Delay = TimeSpan.Zero;
        using var second = await ServerProcess.StartAsync(_data);
        var received = await _receiver.WaitForAsync(all => all.Select(r => r.Id).Distinct().Count() >= 2 * count, 60);
        await Task.Delay(1000);
        received = _receiver.Received;

        // Every event arrived; a repeat is the same event (same id, same body), never a second event.
        Assert.All(received, r => Assert.True(r.SignatureValid));
        var events = received.GroupBy(r => r.Id).ToList();
        Assert.Equal(2 * count, events.Count);
        Assert.All(events, e => Assert.Single(e.Select(r => r.Body).Distinct()));
        foreach (var id in ids)
        {
            var mine = events.Where(e => e.First().Data.GetProperty("id").GetString() == id).Select(e => e.First().Type).Order().ToList();
            Assert.Equal(["delivery.delivered", "verification.pending"], mine);
        }
    }

    private async Task<string> AddEndpointAsync(HttpClient api, params string[] events)
    {
        var created = await api.PostAsJsonAsync("/v1/webhooks", events.Length == 0 ? new { url = _receiver.Url, events = (string[]?)null } : new { url = _receiver.Url, events = (string[]?)events });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        Assert.StartsWith(WebhookSignature.SecretPrefix, body.Str("secret"), StringComparison.Ordinal);
        _receiver.Secrets.Add(body.Str("secret"));
        return body.Str("id");
    }

    private static async Task<string> StartAsync(HttpClient api, string to)
    {
        var started = await api.PostAsJsonAsync("/v1/verifications", new { to, channel = "sms" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return (await started.JsonAsync()).Str("id");
    }

    /// <summary>The first delivery of each event about <paramref name="verificationId"/>, in arrival order, once all <paramref name="types"/> arrived.</summary>
    private async Task<List<ReceivedWebhook>> WaitForTypesAsync(string verificationId, params string[] types)
    {
        List<ReceivedWebhook> Mine(IReadOnlyList<ReceivedWebhook> all) =>
            all.Where(r => r.Data.TryGetProperty("id", out var id) && id.GetString() == verificationId).DistinctBy(r => r.Id).ToList();
        var all = await _receiver.WaitForAsync(all => types.All(t => Mine(all).Any(r => r.Type == t)));
        var mine = Mine(all);
        Assert.All(types, t => Assert.Contains(t, mine.Select(r => r.Type)));
        return mine;
    }

    private static async Task<List<JsonElement>> WaitForDeliveriesAsync(HttpClient api, string endpoint, string state, int atLeast)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var list = (await api.GetFromJsonAsync<JsonElement>($"/v1/webhooks/{endpoint}/deliveries?state={state}")).GetProperty("deliveries").EnumerateArray().ToList();
            if (list.Count >= atLeast || DateTime.UtcNow > deadline)
            {
                return list;
            }

            await Task.Delay(100);
        }
    }

    private static async Task<List<InboxMessage>> WaitForInboxAsync(ServerProcess server, string to)
    {
        using var client = server.Client(null);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var messages = await client.GetFromJsonAsync<List<InboxMessage>>("/v1/dev/messages?to=" + Uri.EscapeDataString(to)) ?? [];
            if (messages.Count > 0 || DateTime.UtcNow > deadline)
            {
                return messages;
            }

            await Task.Delay(100);
        }
    }
}
