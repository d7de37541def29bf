using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Verigate.Server.Tests.Infrastructure;
using Verigate.Server.Webhooks;

namespace Verigate.Server.Tests;

/// <summary>
/// The SSRF filter of webhook endpoints: https only unless allowed, and no loopback, private, link-local, multicast or
/// metadata address, neither at registration nor at delivery after DNS (a name may point inside later).
/// </summary>
public sealed class WebhookAddressTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.5.4")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    public void Inside_addresses_are_forbidden(string address) =>
        Assert.True(WebhookAddresses.IsForbidden(IPAddress.Parse(address)), address);

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    public void Public_addresses_are_allowed(string address) =>
        Assert.False(WebhookAddresses.IsForbidden(IPAddress.Parse(address)), address);

    [Fact]
    public async Task Registration_refuses_http_and_hosts_that_are_or_resolve_to_inside_addresses_with_clear_codes()
    {
        await using var server = new VerigateTestServer();
        using var api = server.Integrator();

        async Task<JsonElement> Refused(string url, string code)
        {
            var problem = await (await api.PostAsJsonAsync("/v1/webhooks", new { url })).ProblemAsync(400, code);
            Assert.Equal("url", problem.Str("field"));
            return problem;
        }

        await Refused("http://example.com/hook", "webhook_url_insecure");
        await Refused("https://localhost/hook", "webhook_url_forbidden"); // a name that resolves to 127.0.0.1
        await Refused("https://127.0.0.1:8443/hook", "webhook_url_forbidden");
        await Refused("https://169.254.169.254/latest/meta-data/", "webhook_url_forbidden");
        await Refused("https://[::1]/hook", "webhook_url_forbidden");
        await Refused("https://10.0.0.7/hook", "webhook_url_forbidden");
        await Refused("https://[::ffff:192.168.0.1]/hook", "webhook_url_forbidden");
        await Refused("https://verigate-test.invalid/hook", "webhook_url_unresolvable");
        await Refused("https://user:pw@example.com/hook", "invalid_request");
        Assert.Empty((await api.GetFromJsonAsync<JsonElement>("/v1/webhooks")).GetProperty("endpoints").EnumerateArray());
    }

    [Fact]
    public async Task A_registered_endpoint_whose_name_resolves_inside_is_not_called_once_the_setting_is_off()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var data = Directory.CreateTempSubdirectory("verigate-ssrf-").FullName;
        try
        {
            // Registered where inside addresses were allowed (as in development), by a name that resolves to 127.0.0.1.
            var url = receiver.Url.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
            string endpoint;
            await using (var permissive = new VerigateTestServer(Settings(allowPrivate: true), data))
            {
                using var api = permissive.Integrator();
                var created = await api.PostAsJsonAsync("/v1/webhooks", new { url, events = new[] { "verification.pending" } });
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                endpoint = (await created.JsonAsync()).Str("id");
            }

            await using var strict = new VerigateTestServer(Settings(allowPrivate: false), data);
            using var client = strict.Integrator();
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/v1/verifications", new { to = "+4915140000951", channel = "sms" })).StatusCode);

            JsonElement delivery = default;
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (DateTime.UtcNow < deadline)
            {
                var list = (await client.GetFromJsonAsync<JsonElement>($"/v1/webhooks/{endpoint}/deliveries")).GetProperty("deliveries").EnumerateArray().ToList();
                if (list.Count == 1 && list[0].GetProperty("lastError").ValueKind == JsonValueKind.String) // recorded after the attempt
                {
                    delivery = list[0];
                    break;
                }

                await Task.Delay(50);
            }

            Assert.Equal(JsonValueKind.Object, delivery.ValueKind);
            Assert.True(delivery.Str("lastError").Contains("public addresses", StringComparison.Ordinal), delivery.Str("lastError"));
            Assert.NotEqual("delivered", delivery.Str("state"));
            Assert.Empty(receiver.Received);
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static Dictionary<string, string?> Settings(bool allowPrivate) => new()
    {
        ["Webhooks:AllowInsecureUrls"] = "true",
        ["Webhooks:AllowPrivateAddresses"] = allowPrivate ? "true" : "false",
        ["Webhooks:PollInterval"] = "00:00:00.050",
    };
}
