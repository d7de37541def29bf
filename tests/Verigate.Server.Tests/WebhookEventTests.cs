using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OtpNet;
using Verigate.Server.Maintenance;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests;

/// <summary>
/// Webhook events that need the fake clock or account flows: expiry reported exactly once whether a check or the
/// cleanup finds it, and second-factor changes. Delivered to a real receiver that verifies every signature.
/// </summary>
public sealed class WebhookEventTests : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;
    private VerigateTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _server = new VerigateTestServer(VerigateTestServer.Relaxed(new Dictionary<string, string?>
        {
            ["Webhooks:AllowInsecureUrls"] = "true",
            ["Webhooks:AllowPrivateAddresses"] = "true",
            ["Webhooks:PollInterval"] = "00:00:00.050",
        }));
        using var api = _server.Integrator();
        var created = await api.PostAsJsonAsync("/v1/webhooks", new { url = _receiver.Url });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        _receiver.Secrets.Add((await created.JsonAsync()).Str("secret"));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task An_expired_verification_is_reported_once_whether_the_cleanup_or_a_check_finds_it_first()
    {
        using var api = _server.Integrator();
        var swept = await StartAsync(api, "+4915140000901");
        var checkedFirst = await StartAsync(api, "+4915140000902");
        _server.Time.Advance(TimeSpan.FromMinutes(11));

        // One is found expired by a check, then by the cleanup; the other only by the cleanup, which runs twice.
        await (await api.PostAsJsonAsync($"/v1/verifications/{checkedFirst}/check", new { code = "123456" })).ProblemAsync(404, "verification_not_found");
        var maintenance = _server.Services.GetServices<IHostedService>().OfType<MaintenanceService>().Single();
        await maintenance.RunAsync(CancellationToken.None);
        await maintenance.RunAsync(CancellationToken.None);
        await (await api.PostAsJsonAsync($"/v1/verifications/{swept}/check", new { code = "123456" })).ProblemAsync(404, "verification_not_found");

        await _receiver.WaitForAsync(all => new[] { swept, checkedFirst }.All(id => all.Any(r => r.Type == "verification.expired" && IdOf(r) == id)));
        await Task.Delay(500); // a duplicate would arrive within a few polls
        foreach (var id in new[] { swept, checkedFirst })
        {
            var expired = _receiver.Received.Where(r => r.Type == "verification.expired" && IdOf(r) == id).DistinctBy(r => r.Id).ToList();
            var only = Assert.Single(expired);
            Assert.True(only.SignatureValid);
            Assert.Equal("expired", only.Data.Str("status"));
        }

        var detail = await api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/v1/verifications/{swept}");
        Assert.Equal("expired", detail.Str("status"));
    }

    [Fact]
    public async Task Turning_the_app_on_regenerating_using_a_recovery_code_and_turning_it_off_each_send_second_factor_changed()
    {
        var steps = new AccountSteps(_server);
        var account = await steps.SignUpAsync();
        using var client = _server.SignedIn(account.SessionToken);
        var secret = Base32Encoding.ToBytes((await (await client.PostAsync("/v1/me/totp", null)).JsonAsync()).Str("secret"));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/v1/me/totp/confirm", new { code = new Totp(secret).ComputeTotp(_server.Time.GetUtcNow().UtcDateTime) })).StatusCode);
        var regenerated = await client.PostAsync("/v1/me/recovery-codes", null);
        Assert.Equal(HttpStatusCode.Created, regenerated.StatusCode);
        var recoveryCode = (await regenerated.JsonAsync()).GetProperty("recoveryCodes")[0].GetString();
        var off = new HttpRequestMessage(HttpMethod.Delete, "/v1/me/totp") { Content = JsonContent.Create(new { recoveryCode }) };
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(off)).StatusCode);

        string[] expected = ["totp_enabled", "recovery_codes_regenerated", "recovery_code_used", "totp_disabled"];
        var all = await _receiver.WaitForAsync(all => Changes(all, account.UserId).Count >= expected.Length);
        var changes = Changes(all, account.UserId);
        Assert.Equal(expected, changes.Select(r => r.Data.Str("change")));
        Assert.All(changes, r => Assert.True(r.SignatureValid));
        Assert.Equal([10, 10, 9, 0], changes.Select(r => r.Data.GetProperty("recoveryCodesRemaining").GetInt32()));
        Assert.DoesNotContain(recoveryCode!, string.Concat(changes.Select(r => r.Body)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Securing_the_account_from_a_new_sign_in_alert_sends_account_secured_with_the_canceled_codes()
    {
        var steps = new AccountSteps(_server);
        var account = await steps.SignUpAsync();
        var challenge = await (await steps.LoginAsync(account.Username)).JsonAsync();
        using (var device = _server.Anonymous())
        {
            var code = await _server.CodeSentToAsync(account.Email, 2);
            Assert.Equal(HttpStatusCode.Created, (await device.PostAsJsonAsync($"/v1/challenges/{challenge.Str("challengeId")}/verify", new { code })).StatusCode);
        }

        await steps.LoginAsync(account.Username); // a pending sign-in code, which securing the account cancels
        var deadline = DateTime.UtcNow.AddSeconds(15);
        InboxMessage? alert;
        while ((alert = (await _server.WaitForMessagesAsync(account.Email, withAlerts: true)).FirstOrDefault(VerigateTestServer.IsNewSignInAlert)) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "No new-sign-in alert.");
            await Task.Delay(20);
        }

        var token = System.Text.RegularExpressions.Regex.Match(alert.Body, @"/links/(vgl_[A-Za-z0-9_-]{43})").Groups[1].Value;
        using var browser = _server.Anonymous();
        using var press = new HttpRequestMessage(HttpMethod.Post, "/links") { Content = new FormUrlEncodedContent([new("token", token)]) };
        press.Headers.Add("Sec-Fetch-Site", "same-origin");
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(press)).StatusCode);

        var all = await _receiver.WaitForAsync(all => all.Any(r => r.Type == "account.secured" && r.Data.Str("userId") == account.UserId));
        var secured = all.Where(r => r.Type == "account.secured" && r.Data.Str("userId") == account.UserId).DistinctBy(r => r.Id).Single();
        Assert.True(secured.SignatureValid);
        Assert.Equal(1, secured.Data.GetProperty("codesCanceled").GetInt32());
        Assert.DoesNotContain(account.Email, secured.Body, StringComparison.OrdinalIgnoreCase);
    }

    private static List<ReceivedWebhook> Changes(IReadOnlyList<ReceivedWebhook> all, string userId) =>
        all.Where(r => r.Type == "second_factor.changed" && r.Data.Str("userId") == userId).DistinctBy(r => r.Id).ToList();

    private static string? IdOf(ReceivedWebhook r) => r.Data.TryGetProperty("id", out var id) ? id.GetString() : null;

    private static async Task<string> StartAsync(HttpClient api, string to)
    {
        var started = await api.PostAsJsonAsync("/v1/verifications", new { to, channel = "sms" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return (await started.JsonAsync()).Str("id");
    }
}
