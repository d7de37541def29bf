using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests.Delivery;

/// <summary>The generic HTTPS JSON SMS provider: the request it gets, its status callbacks, and the failure split.</summary>
public sealed class HttpSmsGatewayTests : IAsyncLifetime
{
    private FakeSmsGateway _gateway = null!;
    private VerigateTestServer _server = null!;

    public Task InitializeAsync()
    {
        _gateway = new FakeSmsGateway();
        var port = LoopbackPort.Free();
        _server = new VerigateTestServer(VerigateTestServer.Relaxed(new Dictionary<string, string?>
        {
            ["Delivery:Sms:Http:Url"] = _gateway.Url,
            ["Delivery:Sms:Http:AuthValue"] = "Bearer gateway-secret",
            ["Delivery:Sms:Http:From"] = "Verigate",
            ["Delivery:Sms:CallbackBaseUrl"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/",
            ["Delivery:Dispatcher:RetryBase"] = "00:00:01",
            ["Delivery:Dispatcher:RetryMax"] = "00:00:04",
        }), port: port);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _gateway.DisposeAsync();
    }

    [Fact]
    public async Task An_sms_is_posted_as_json_and_the_gateways_status_callback_completes_the_timeline()
    {
        var to = "+49151" + Random.Shared.Next(1000, 9999).ToString(CultureInfo.InvariantCulture) + "0001";
        using var api = _server.Integrator();
        var id = await KannelDeliveryTests.StartAsync(api, to);

        var message = await _gateway.WaitForAsync(to);
        Assert.Equal("Verigate", message.GetProperty("from").GetString());
        Assert.Matches(@"\n\n@127\.0\.0\.1 #\d{6}$", message.GetProperty("text").GetString()!);
        var callback = message.GetProperty("statusCallback").GetString()!;
        await SmtpDeliveryTests.WaitForDeliveriesAsync(api, id, d => d.Str("status") == "sent");

        using var gateway = new HttpClient();
        var accepted = await gateway.PostAsJsonAsync(callback, new { status = "accepted", id = "gw-1" });
        var delivered = await gateway.GetAsync(callback + "?status=delivered&reason=DELIVRD");

        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, delivered.StatusCode);
        var deliveries = await SmtpDeliveryTests.WaitForDeliveriesAsync(api, id, d => d.Str("status") == "delivered");
        Assert.Equal(["queued", "sent", "accepted", "delivered"], deliveries.Select(d => d.Str("status")).ToArray());
    }

    [Fact]
    public async Task A_refused_destination_is_permanent_and_a_503_is_retried()
    {
        var refused = "+49151" + Random.Shared.Next(1000, 9999).ToString(CultureInfo.InvariantCulture) + "0016";
        var busy = "+49151" + Random.Shared.Next(1000, 9999).ToString(CultureInfo.InvariantCulture) + "0503";
        using var api = _server.Integrator();
        var refusedId = await KannelDeliveryTests.StartAsync(api, refused);
        var busyId = await KannelDeliveryTests.StartAsync(api, busy);

        await SmtpDeliveryTests.WaitForDeliveriesAsync(api, refusedId, d => d.Str("status") == "failed");
        await SmtpDeliveryTests.WaitForDeliveriesAsync(api, busyId, d => d.GetProperty("detail").GetString()?.Contains("503", StringComparison.Ordinal) == true);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!_gateway.Received.Any(m => m.GetProperty("to").GetString() == busy) && DateTime.UtcNow < deadline)
        {
            _server.Time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(200);
        }

        await _gateway.WaitForAsync(busy);
        Assert.Single(_gateway.Attempts, a => a == refused);
    }

    [Fact]
    public async Task A_callback_with_an_unknown_status_or_bad_json_gets_a_problem()
    {
        using var anonymous = _server.Anonymous();
        var zeros = new string('0', 32);

        var unknown = await anonymous.PostAsJsonAsync($"/v1/delivery-receipts/http/VEany/1/{zeros}", new { status = "teleported" });
        var badJson = await anonymous.PostAsync($"/v1/delivery-receipts/http/VEany/1/{zeros}", new StringContent("{\"status\":", System.Text.Encoding.UTF8, "application/json"));
        var wrongToken = await anonymous.PostAsJsonAsync($"/v1/delivery-receipts/http/VEany/1/{zeros}", new { status = "delivered" });

        Assert.Equal("status", (await unknown.ProblemAsync(400, "invalid_request")).Str("field"));
        await badJson.ProblemAsync(400, "invalid_request");
        await wrongToken.ProblemAsync(404, "not_found");
    }
}
