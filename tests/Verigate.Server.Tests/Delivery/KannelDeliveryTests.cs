using System.Net;
using System.Net.Http.Json;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests.Delivery;

/// <summary>Real SMS through Kannel to an SMPP simulator, with Kannel's delivery reports back to Verigate.</summary>
[Collection(KannelCollection.Name)]
public sealed class KannelDeliveryTests : IAsyncLifetime
{
    private VerigateTestServer _server = null!;

    public Task InitializeAsync()
    {
        var port = LoopbackPort.Free();
        _server = new VerigateTestServer(VerigateTestServer.Relaxed(KannelComponent.Settings(port)), port: port);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_sms_goes_through_kannel_and_its_delivery_report_completes_the_timeline()
    {
        var to = KannelComponent.Phone("0001");
        using var api = _server.Integrator();
        var id = await StartAsync(api, to);

        var sms = (await KannelComponent.WaitForReceivedAsync(to)).Single();
        var text = sms.Text;
        Assert.Equal(0, sms.DataCoding);
        Assert.InRange(sms.Parts, 1, 3);
        var code = VerigateTestServer.CodeOf(new InboxMessage("1", to, "sms", null, text, DateTime.UtcNow));
        Assert.EndsWith($"\n\n@127.0.0.1 #{code}", text, StringComparison.Ordinal);
        Assert.Contains("do not share it", text, StringComparison.Ordinal);

        var deliveries = await SmtpDeliveryTests.WaitForDeliveriesAsync(api, id, d => d.Str("status") == "delivered");
        var statuses = deliveries.Select(d => d.Str("status")).ToList();
        Assert.Equal("queued", statuses[0]);
        Assert.Contains("sent", statuses);
        Assert.Contains("accepted", statuses);
        Assert.Contains("DELIVRD", deliveries.Single(d => d.Str("status") == "delivered").Str("detail"), StringComparison.Ordinal);

        var check = await api.PostAsJsonAsync($"/v1/verifications/{id}/check", new { code });
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
    }

    [Fact]
    public async Task An_sms_the_network_cannot_deliver_is_recorded_as_failed()
    {
        var to = KannelComponent.Phone("0002");
        using var api = _server.Integrator();
        var id = await StartAsync(api, to);

        var deliveries = await SmtpDeliveryTests.WaitForDeliveriesAsync(api, id, d => d.Str("status") == "failed");

        Assert.Contains("UNDELIV", deliveries.Single(d => d.Str("status") == "failed").Str("detail"), StringComparison.Ordinal);
        Assert.Single(KannelComponent.Received(to));
    }

    [Fact]
    public async Task An_sms_the_smsc_rejects_is_recorded_as_failed_and_not_retried()
    {
        var to = KannelComponent.Phone("0016");
        using var api = _server.Integrator();
        var id = await StartAsync(api, to);

        var deliveries = await SmtpDeliveryTests.WaitForDeliveriesAsync(api, id, d => d.Str("status") == "failed");
        Assert.Contains("refused", deliveries.Single(d => d.Str("status") == "failed").Str("detail"), StringComparison.Ordinal);

        _server.Time.Advance(TimeSpan.FromMinutes(1));
        await Task.Delay(1000);
        var after = await SmtpDeliveryTests.WaitForDeliveriesAsync(api, id, _ => true);
        Assert.Single(after, d => d.Str("status") == "sent");
        Assert.Empty(KannelComponent.Received(to));
    }

    [Fact]
    public async Task A_unicode_sms_is_sent_as_ucs2_and_keeps_its_last_line()
    {
        await using var server = new VerigateTestServer(VerigateTestServer.Relaxed(new Dictionary<string, string?>(KannelComponent.Settings(LoopbackPort.Free()))
        {
            ["Verigate:ProductName"] = "Вериgate",
        }));
        var to = KannelComponent.Phone("0001");
        using var api = server.Integrator();
        await StartAsync(api, to);

        var sms = (await KannelComponent.WaitForReceivedAsync(to)).Single();
        var text = sms.Text;

        Assert.Equal(8, sms.DataCoding);
        Assert.InRange(sms.Parts, 1, 3);
        Assert.Contains("Вериgate", text, StringComparison.Ordinal);
        Assert.Matches(@"\n\n@127\.0\.0\.1 #\d{6}$", text);
    }

    [Fact]
    public async Task Wrong_kannel_credentials_are_a_permanent_failure()
    {
        var port = LoopbackPort.Free();
        await using var server = new VerigateTestServer(VerigateTestServer.Relaxed(KannelComponent.Settings(port, password: "wrong")), port: port);
        var to = KannelComponent.Phone("0001");
        using var api = server.Integrator();
        var id = await StartAsync(api, to);

        var deliveries = await SmtpDeliveryTests.WaitForDeliveriesAsync(api, id, d => d.Str("status") == "failed");

        Assert.Contains("403", deliveries.Single(d => d.Str("status") == "failed").Str("detail"), StringComparison.Ordinal);
        server.Time.Advance(TimeSpan.FromMinutes(1));
        await Task.Delay(1000);
        Assert.Equal(2, (await SmtpDeliveryTests.WaitForDeliveriesAsync(api, id, _ => true)).Count);
    }

    [Fact]
    public async Task While_kannel_is_down_sms_wait_in_the_outbox_and_go_out_when_it_is_back()
    {
        var to = KannelComponent.Phone("0001");
        using var api = _server.Integrator();
        await KannelComponent.ControlAsync("stop-kannel");
        string id;
        try
        {
            id = await StartAsync(api, to);
            await SmtpDeliveryTests.WaitForDeliveriesAsync(api, id, d => d.GetProperty("detail").GetString()?.Contains("could not be reached", StringComparison.Ordinal) == true);
        }
        finally
        {
            await KannelComponent.ControlAsync("start-kannel");
        }

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (KannelComponent.Received(to).Count == 0 && DateTime.UtcNow < deadline)
        {
            _server.Time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(200);
        }

        Assert.Single(await KannelComponent.WaitForReceivedAsync(to));
        await SmtpDeliveryTests.WaitForDeliveriesAsync(api, id, d => d.Str("status") == "delivered");
    }

    internal static async Task<string> StartAsync(HttpClient api, string to, string channel = "sms")
    {
        var started = await api.PostAsJsonAsync("/v1/verifications", new { to, channel });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return (await started.JsonAsync()).Str("id");
    }
}
