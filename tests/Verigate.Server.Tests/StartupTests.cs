using System.Net;
using System.Text;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests;

public sealed class StartupTests
{
    [Theory]
    [InlineData("Codes:Length", "3", "Codes:Length")]
    [InlineData("Verigate:PublicBaseUrl", "not a url", "Verigate:PublicBaseUrl")]
    [InlineData("RateLimits:SendsPerIp:Count", "0", "RateLimits:SendsPerIp")]
    [InlineData("Delivery:Dispatcher:Concurrency", "0", "Delivery:Dispatcher:Concurrency")]
    [InlineData("Verigate:NodeId", "5000", "Verigate:NodeId")]
    [InlineData("Storage:Provider", "Oracle", "Storage:Provider")]
    [InlineData("Storage:OnNestedSession", "Sometimes", "Storage:OnNestedSession")]
    public Task A_bad_setting_stops_the_service_at_start_with_a_message_naming_it(string key, string value, string named) =>
        ServerProcess.AssertStartRefusedAsync(key, value, named);

    [Fact]
    public async Task An_instance_with_another_code_hash_key_refuses_to_start_on_the_same_database()
    {
        var data = Directory.CreateTempSubdirectory("verigate-key-").FullName;
        var keyA = Convert.ToBase64String(Enumerable.Repeat((byte)1, 32).ToArray());
        var keyB = Convert.ToBase64String(Enumerable.Repeat((byte)2, 32).ToArray());
        await using (var first = new VerigateTestServer(new Dictionary<string, string?> { ["Codes:HashKey"] = keyA }, data))
        {
            using var client = first.Anonymous();
            Assert.Equal("ready", await client.GetStringAsync("/readyz"));
        }

        var error = Record.Exception(() => new VerigateTestServer(new Dictionary<string, string?> { ["Codes:HashKey"] = keyB }, data));

        Assert.Contains("code hash key", error?.ToString() ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parallel_requests_with_one_idempotency_key_send_one_message()
    {
        await using var server = new VerigateTestServer(VerigateTestServer.Relaxed());
        using var api = server.Integrator();
        const string body = """{"to":"+4915170000001","channel":"sms"}""";

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/verifications") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("Idempotency-Key", "same-key");
            return api.SendAsync(request);
        }));
        await Task.Delay(300);

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            await conflict.ProblemAsync(409, "idempotency_key_in_use");
        }

        var ids = new HashSet<string>();
        foreach (var created in responses.Where(r => r.StatusCode == HttpStatusCode.Created))
        {
            ids.Add((await created.JsonAsync()).Str("id"));
        }

        Assert.Single(ids);
        Assert.Single(await server.WaitForMessagesAsync("+4915170000001"));
    }
}
