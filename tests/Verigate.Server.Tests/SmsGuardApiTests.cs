using System.Net;
using System.Net.Http.Json;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests;

/// <summary>The SMS-pumping guard through the real server binary: what API callers see, and the alerts webhooks carry.</summary>
public sealed class SmsGuardApiTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("verigate-guard-").FullName;
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
    public async Task A_pumping_burst_to_one_prefix_blocks_it_with_an_alert_while_other_prefixes_and_email_keep_working()
    {
        using var server = await ServerProcess.StartAsync(_data, new Dictionary<string, string>
        {
            ["SmsGuard__ConversionWatch__Enabled"] = "true",
            ["SmsGuard__ConversionWatch__MinimumSends"] = "8",
        });
        using var api = server.Client();
        await AddEndpointAsync(api);

        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await StartAsync(api, $"+491517777{i:D4}", "sms")).StatusCode);
        }

        var refused = await (await StartAsync(api, "+4915177770099", "sms")).ProblemAsync(403, "destination_blocked");
        Assert.Equal("channel", refused.Str("field"));
        Assert.Contains("email", refused.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await StartAsync(api, "+4915188880001", "sms")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await StartAsync(api, "pumped@example.com", "email")).StatusCode);

        var alert = (await _receiver.WaitForAsync(all => all.Any(r => r.Type == "fraud.prefix_blocked"))).First(r => r.Type == "fraud.prefix_blocked");
        Assert.True(alert.SignatureValid);
        Assert.Equal("+491517777", alert.Data.GetProperty("prefix").GetString());
        Assert.Equal(1, alert.Data.GetProperty("strikes").GetInt32());
    }

    [Fact]
    public async Task A_spent_budget_fails_closed_for_sms_only_and_says_so_once()
    {
        using var server = await ServerProcess.StartAsync(_data, new Dictionary<string, string> { ["SmsGuard__DailySmsBudget"] = "2" });
        using var api = server.Client();
        await AddEndpointAsync(api);

        Assert.Equal(HttpStatusCode.Created, (await StartAsync(api, "+4915190000001", "sms")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await StartAsync(api, "+4917690000002", "sms")).StatusCode);
        await (await StartAsync(api, "+4915790000003", "sms")).ProblemAsync(400, "channel_unavailable");
        Assert.Equal(HttpStatusCode.Created, (await StartAsync(api, "budget@example.com", "email")).StatusCode);

        var spent = await _receiver.WaitForAsync(all => all.Any(r => r.Type == "budget.spent"));
        await Task.Delay(500);
        var alert = Assert.Single(_receiver.Received.Where(r => r.Type == "budget.spent").DistinctBy(r => r.Id));
        Assert.Equal(2, alert.Data.GetProperty("sends").GetInt32());
        Assert.StartsWith("day:", alert.Data.GetProperty("period").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disallowed_country_is_refused_and_a_safe_listed_number_of_it_is_not()
    {
        using var server = await ServerProcess.StartAsync(_data, new Dictionary<string, string>
        {
            ["SmsGuard__AllowedCountries__0"] = "DE",
            ["SmsGuard__SafeList__0"] = "+33612340000",
        });
        using var api = server.Client();

        await (await StartAsync(api, "+33612345678", "sms")).ProblemAsync(403, "destination_blocked");
        Assert.Equal(HttpStatusCode.Created, (await StartAsync(api, "+33612340000", "sms")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await StartAsync(api, "+4915190000001", "sms")).StatusCode);
    }

    [Fact]
    public async Task Invalid_guard_settings_stop_the_server_at_start()
    {
        var run = await ServerProcess.RunCommandAsync(_data, "webhook", "list");
        Assert.Equal(0, run.ExitCode);
        var env = new Dictionary<string, string> { ["SmsGuard__AllowedCountries__0"] = "Germany" };
        var ex = await Record.ExceptionAsync(() => ServerProcess.StartAsync(_data, env));
        Assert.NotNull(ex);
    }

    private async Task AddEndpointAsync(HttpClient api)
    {
        var created = await api.PostAsJsonAsync("/v1/webhooks", new { url = _receiver.Url });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        _receiver.Secrets.Add((await created.JsonAsync()).Str("secret"));
    }

    private static Task<HttpResponseMessage> StartAsync(HttpClient api, string to, string channel) =>
        api.PostAsJsonAsync("/v1/verifications", new { to, channel });
}
