using System.Net;
using System.Net.Http.Json;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests.Delivery;

/// <summary>Delivery settings are checked when the service starts, and a configured channel leaves the dev inbox.</summary>
public sealed class DeliveryConfigurationTests
{
    [Theory]
    [InlineData("Delivery:Email:Smtp:From", "not an address", "Delivery:Email:Smtp:From must be a sender address")]
    [InlineData("Delivery:Email:Smtp:Port", "70000", "Delivery:Email:Smtp:Port must be between")]
    [InlineData("Delivery:Email:Smtp:Username", "someone", "Username and Password go together")]
    [InlineData("Delivery:Email:Smtp:Timeout", "00:00:00.100", "Delivery:Email:Smtp:Timeout must be between")]
    [InlineData("Delivery:Email:Smtp:MaxConnections", "0", "Delivery:Email:Smtp:MaxConnections must be between")]
    [InlineData("Delivery:Email:Dkim:Domain", "example.org", "Delivery:Email:Dkim needs all of KeyFile, Domain and Selector")]
    [InlineData("Delivery:Email:Smtp:Host", "bad host name!", "is not a host name or IP address")]
    public void A_bad_email_setting_stops_the_start_with_a_clear_message(string key, string value, string expected)
    {
        var settings = SmtpSettings.For(LoopbackPort.Free(), more: new Dictionary<string, string?> { [key] = value });

        var e = Assert.ThrowsAny<Exception>(() => new VerigateTestServer(settings));

        Assert.Contains(expected, e.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Delivery:Sms:Kannel:SendSmsUrl", "ftp://kannel/cgi-bin/sendsms", "Delivery:Sms:Kannel:SendSmsUrl must be an absolute http(s) URL")]
    [InlineData("Delivery:Sms:Kannel:Password", "", "Delivery:Sms:Kannel:Username and Password are required")]
    [InlineData("Delivery:Sms:Kannel:From", "a-sender-id-that-is-far-too-long", "Delivery:Sms:Kannel:From must be at most 20 characters")]
    [InlineData("Delivery:Sms:CallbackBaseUrl", "not a url", "Delivery:Sms:CallbackBaseUrl must be an absolute http(s) URL")]
    [InlineData("Delivery:Sms:MaxSegments", "0", "Delivery:Sms:MaxSegments must be between 1 and 10")]
    [InlineData("Delivery:Sms:Http:Url", "http://127.0.0.1:2/messages", "Configure one SMS gateway")]
    [InlineData("Delivery:Fallback:ConfirmWithin", "01:00:00", "Delivery:Fallback:ConfirmWithin must be between")]
    public void A_bad_sms_setting_stops_the_start_with_a_clear_message(string key, string value, string expected)
    {
        var settings = VerigateTestServer.Relaxed(new Dictionary<string, string?>
        {
            ["Delivery:Sms:Kannel:SendSmsUrl"] = "http://127.0.0.1:1/cgi-bin/sendsms",
            ["Delivery:Sms:Kannel:Username"] = "u",
            ["Delivery:Sms:Kannel:Password"] = "p",
            [key] = value,
        });

        var e = Assert.ThrowsAny<Exception>(() => new VerigateTestServer(settings));

        Assert.Contains(expected, e.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Delivery:Sms:Http:Url", "not a url", "Delivery:Sms:Http:Url must be an absolute http(s) URL")]
    [InlineData("Delivery:Sms:Http:BodyTemplate", "{\"to\":\"{to}\"}", "Delivery:Sms:Http:BodyTemplate must contain {to} and {text}")]
    [InlineData("Delivery:Sms:Http:AuthHeader", "Bad: header", "Delivery:Sms:Http:AuthHeader must be a header name")]
    [InlineData("Delivery:Sms:Http:Timeout", "00:10:00", "Delivery:Sms:Http:Timeout must be between")]
    public void A_bad_http_sms_setting_stops_the_start_with_a_clear_message(string key, string value, string expected)
    {
        var settings = VerigateTestServer.Relaxed(new Dictionary<string, string?> { ["Delivery:Sms:Http:Url"] = "https://sms.example/messages", [key] = value });

        var e = Assert.ThrowsAny<Exception>(() => new VerigateTestServer(settings));

        Assert.Contains(expected, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_every_channel_configured_the_development_inbox_is_gone()
    {
        await using var sink = new SmtpSink();
        await using var server = new VerigateTestServer(SmtpSettings.For(sink.Port, more: new Dictionary<string, string?>
        {
            ["Delivery:Sms:Kannel:SendSmsUrl"] = "http://127.0.0.1:1/cgi-bin/sendsms",
            ["Delivery:Sms:Kannel:Username"] = "u",
            ["Delivery:Sms:Kannel:Password"] = "p",
        }));
        using var anonymous = server.Anonymous();

        var response = await anonymous.GetAsync("/v1/dev/messages");

        await response.ProblemAsync(404, "not_found");
    }

    [Fact]
    public void A_dkim_key_file_that_is_missing_or_not_a_key_stops_the_start()
    {
        var garbage = Path.GetTempFileName();
        File.WriteAllText(garbage, "-----BEGIN RSA PRIVATE KEY-----\nnot a key\n-----END RSA PRIVATE KEY-----\n");
        try
        {
            foreach (var (file, expected) in new[] { ("/nonexistent/dkim.pem", "does not exist"), (garbage, "is not a readable PEM RSA private key") })
            {
                var settings = SmtpSettings.For(LoopbackPort.Free(), more: new Dictionary<string, string?>
                {
                    ["Delivery:Email:Dkim:KeyFile"] = file,
                    ["Delivery:Email:Dkim:Domain"] = "example.org",
                    ["Delivery:Email:Dkim:Selector"] = "s1",
                });

                var e = Assert.ThrowsAny<Exception>(() => new VerigateTestServer(settings));

                Assert.Contains(expected, e.ToString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            File.Delete(garbage);
        }
    }

    [Fact]
    public async Task With_email_configured_and_the_inbox_switched_on_sms_still_goes_to_the_dev_inbox()
    {
        await using var sink = new SmtpSink();
        await using var server = new VerigateTestServer(SmtpSettings.For(sink.Port, more: new Dictionary<string, string?> { ["Delivery:DevInbox"] = "On" }));
        using var api = server.Integrator();

        var started = await api.PostAsJsonAsync("/v1/verifications", new { to = "+4915112345678", channel = "sms" });

        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Matches(@"^\d{6}$", await server.CodeSentToAsync("+4915112345678"));
    }

    [Fact]
    public async Task With_only_email_configured_sms_is_unavailable_and_no_inbox_is_mounted()
    {
        await using var sink = new SmtpSink();
        await using var server = new VerigateTestServer(SmtpSettings.For(sink.Port));
        using var api = server.Integrator();
        using var anonymous = server.Anonymous();

        await (await api.PostAsJsonAsync("/v1/verifications", new { to = "+4915112345678", channel = "sms" })).ProblemAsync(400, "channel_unavailable");
        var signUp = await anonymous.PostAsJsonAsync("/v1/accounts", new { username = AccountSteps.UniqueName(), password = AccountSteps.Password, phone = "+4915112345678" });
        Assert.Equal("phone", (await signUp.ProblemAsync(400, "channel_unavailable")).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/v1/dev/messages")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/dev/inbox")).StatusCode);
    }

    [Fact]
    public async Task A_switched_off_channel_is_never_served_by_the_inbox_in_any_flow()
    {
        // The audit's case: SMS through a real gateway, email switched off. Signing up with somebody else's email
        // must not put a code for it anywhere an anonymous caller can read.
        await using var server = new VerigateTestServer(VerigateTestServer.Relaxed(new Dictionary<string, string?>
        {
            ["Delivery:Sms:Kannel:SendSmsUrl"] = "http://127.0.0.1:1/cgi-bin/sendsms",
            ["Delivery:Sms:Kannel:Username"] = "u",
            ["Delivery:Sms:Kannel:Password"] = "p",
            ["Delivery:Email:Enabled"] = "false",
        }));
        using var anonymous = server.Anonymous();

        var signUp = await anonymous.PostAsJsonAsync("/v1/accounts", new { username = AccountSteps.UniqueName(), password = AccountSteps.Password, email = "victim@example.com" });
        Assert.Equal("email", (await signUp.ProblemAsync(400, "channel_unavailable")).GetProperty("field").GetString());
        var reset = await (await anonymous.PostAsJsonAsync("/v1/password-resets", new { login = "victim@example.com" })).JsonAsync();
        Assert.Equal("sms", reset.Str("channel"));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/v1/dev/messages?to=victim%40example.com")).StatusCode);
    }

    [Fact]
    public async Task Email_waits_in_the_outbox_while_the_smtp_server_is_down_and_goes_out_when_it_is_back()
    {
        var port = LoopbackPort.Free();
        await using var server = new VerigateTestServer(SmtpSettings.For(port));
        using var api = server.Integrator();
        var started = await api.PostAsJsonAsync("/v1/verifications", new { to = "later@example.org", channel = "email" });
        var id = (await started.JsonAsync()).Str("id");
        var deliveries = await SmtpDeliveryTests.WaitForDeliveriesAsync(api, id, d => d.GetProperty("detail").GetString()?.Contains("could not be reached", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(deliveries, d => d.Str("status") is "failed" or "sent");

        await using var sink = new SmtpSink(port);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (sink.To("later@example.org").Count == 0 && DateTime.UtcNow < deadline)
        {
            server.Time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(200);
        }

        await sink.WaitForAsync("later@example.org");
        await SmtpDeliveryTests.WaitForDeliveriesAsync(api, id, d => d.Str("status") == "sent");
    }

    [Fact]
    public async Task Smtp_authentication_is_used_when_configured()
    {
        await using var sink = new SmtpSink(username: "relay-user", password: "relay-secret");
        await using var server = new VerigateTestServer(SmtpSettings.For(sink.Port, more: new Dictionary<string, string?>
        {
            ["Delivery:Email:Smtp:Username"] = "relay-user",
            ["Delivery:Email:Smtp:Password"] = "relay-secret",
        }));
        using var api = server.Integrator();

        await api.PostAsJsonAsync("/v1/verifications", new { to = "auth@example.org", channel = "email" });

        await sink.WaitForAsync("auth@example.org");
    }
}
