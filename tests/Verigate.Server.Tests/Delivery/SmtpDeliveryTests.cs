using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MimeKit;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests.Delivery;

/// <summary>Email through a real SMTP server (in process, on loopback): headers, both parts, DKIM, and the failure split.</summary>
public sealed class SmtpDeliveryTests : IAsyncLifetime
{
    private readonly DkimTestKey _dkim = new();
    private SmtpSink _sink = null!;
    private VerigateTestServer _server = null!;

    public Task InitializeAsync()
    {
        _sink = new SmtpSink();
        _server = new VerigateTestServer(SmtpSettings.For(_sink.Port, _dkim));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _sink.DisposeAsync();
        _dkim.Dispose();
    }

    [Fact]
    public async Task A_code_email_arrives_over_smtp_signed_multipart_and_auto_submitted_and_its_code_works()
    {
        using var api = _server.Integrator();
        var id = await StartAsync(api, "ada@example.org");

        var mail = await _sink.WaitForAsync("ada@example.org");

        Assert.Equal("no-reply@mail.example.test", mail.From.Mailboxes.Single().Address);
        Assert.Equal("auto-generated", mail.Headers[HeaderId.AutoSubmitted]);
        Assert.Contains("Verigate code", mail.Subject, StringComparison.Ordinal);
        Assert.EndsWith("@mail.example.test", mail.MessageId, StringComparison.Ordinal);
        var alternative = Assert.IsType<MultipartAlternative>(mail.Body);
        Assert.Equal(2, alternative.Count);
        var text = mail.TextBody ?? string.Empty;
        var html = mail.HtmlBody ?? string.Empty;
        var code = VerigateTestServer.CodeOf(new InboxMessage("1", "ada@example.org", "email", mail.Subject, text, DateTime.UtcNow));
        Assert.Contains(code, html, StringComparison.Ordinal);
        Assert.Contains("never ask you for this code", text, StringComparison.Ordinal);
        Assert.Contains("never ask you for this code", html, StringComparison.Ordinal);
        Assert.Contains("/report/", html, StringComparison.Ordinal);
        Assert.True(await _dkim.VerifyAsync(mail), "The DKIM signature does not verify.");

        var check = await api.PostAsJsonAsync($"/v1/verifications/{id}/check", new { code });
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
    }

    [Fact]
    public async Task A_tampered_email_fails_dkim_verification()
    {
        using var api = _server.Integrator();
        await StartAsync(api, "eve@example.org");
        var mail = await _sink.WaitForAsync("eve@example.org");

        mail.Subject = "Your code is 000000";

        Assert.False(await _dkim.VerifyAsync(mail));
    }

    [Fact]
    public async Task The_timeline_records_the_send_with_the_message_id_and_the_email_is_not_in_the_dev_inbox()
    {
        using var api = _server.Integrator();
        var id = await StartAsync(api, "grace@example.org");
        var mail = await _sink.WaitForAsync("grace@example.org");

        var deliveries = await WaitForDeliveriesAsync(api, id, d => d.Str("status") == "sent");
        var sent = deliveries.Single(d => d.Str("status") == "sent");
        Assert.Equal("email", sent.Str("channel"));

        // With a real gateway configured there is no development inbox at all for the code to leak into.
        using var anonymous = _server.Anonymous();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/v1/dev/messages?to=grace@example.org")).StatusCode);
        Assert.NotNull(mail.MessageId);
    }

    [Fact]
    public async Task A_permanent_smtp_refusal_is_recorded_as_failed_and_never_retried()
    {
        using var api = _server.Integrator();
        var id = await StartAsync(api, "rejected@example.org");

        var deliveries = await WaitForDeliveriesAsync(api, id, d => d.Str("status") == "failed");
        Assert.Contains("550", deliveries.Single(d => d.Str("status") == "failed").Str("detail"), StringComparison.Ordinal);

        _server.Time.Advance(TimeSpan.FromMinutes(2));
        await Task.Delay(1500);
        Assert.Equal(1, _sink.RecipientAttempts.Count(r => r == "rejected@example.org"));
        Assert.Empty(_sink.To("rejected@example.org"));
    }

    [Fact]
    public async Task A_temporary_smtp_refusal_is_retried_with_backoff_until_it_is_accepted()
    {
        _sink.BusyAnswers = 2;
        using var api = _server.Integrator();
        var id = await StartAsync(api, "busy@example.org");

        await WaitForDeliveriesAsync(api, id, d => d.Str("status") == "queued" && d.GetProperty("detail").GetString()?.Contains("451", StringComparison.Ordinal) == true);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (_sink.To("busy@example.org").Count == 0 && DateTime.UtcNow < deadline)
        {
            _server.Time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(200);
        }

        var mail = await _sink.WaitForAsync("busy@example.org");
        Assert.Equal(3, _sink.RecipientAttempts.Count(r => r == "busy@example.org"));
        var deliveries = await WaitForDeliveriesAsync(api, id, d => d.Str("status") == "sent");
        Assert.Equal(["queued", "queued", "queued", "sent"], deliveries.Select(d => d.Str("status")).ToArray());
        Assert.Single(_sink.To("busy@example.org"));
        Assert.NotNull(mail.MessageId);
    }

    [Fact]
    public async Task The_person_sees_a_hint_but_never_the_mail_servers_raw_answer()
    {
        using var anonymous = _server.Anonymous();
        var created = await anonymous.PostAsJsonAsync("/v1/accounts", new { username = "rejectme", password = "correct horse battery staple 9", email = "rejected@example.org" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var challengeId = (await created.JsonAsync()).Str("challengeId");

        JsonElement failed = default;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            var list = (await anonymous.GetFromJsonAsync<JsonElement>($"/v1/challenges/{challengeId}/deliveries")).EnumerateArray().ToList();
            if (list.FirstOrDefault(d => d.Str("status") == "failed") is { ValueKind: JsonValueKind.Object } found)
            {
                failed = found;
                break;
            }

            await Task.Delay(50);
        }

        Assert.Equal(JsonValueKind.Object, failed.ValueKind);
        var raw = failed.GetRawText();
        Assert.DoesNotContain("550", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("rejected@example.org", raw, StringComparison.Ordinal);
        Assert.Contains("could not deliver", failed.Str("hint"), StringComparison.Ordinal);
    }

    private static async Task<string> StartAsync(HttpClient api, string to)
    {
        var started = await api.PostAsJsonAsync("/v1/verifications", new { to, channel = "email" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return (await started.JsonAsync()).Str("id");
    }

    internal static async Task<IReadOnlyList<JsonElement>> WaitForDeliveriesAsync(HttpClient api, string id, Func<JsonElement, bool> until, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var details = await api.GetFromJsonAsync<JsonElement>($"/v1/verifications/{id}");
            var deliveries = details.GetProperty("deliveries").EnumerateArray().ToList();
            if (deliveries.Any(until))
            {
                return deliveries;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The delivery timeline did not reach the expected state: " + details.GetRawText());
            }

            await Task.Delay(50);
        }
    }
}
