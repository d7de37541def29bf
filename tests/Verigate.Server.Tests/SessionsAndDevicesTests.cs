using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Verigate.Core.Storage;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests;

/// <summary>
/// The security center's sessions and devices over HTTP: listing, ending one, signing out, ending every other one,
/// forgetting a remembered device; never another account's; lifetimes enforced with a fake clock; audit and webhooks.
/// </summary>
public sealed class SessionsAndDevicesTests : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;
    private VerigateTestServer _server = null!;
    private AccountSteps _steps = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _server = new VerigateTestServer(Settings());
        _steps = new AccountSteps(_server);
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

    private static IReadOnlyDictionary<string, string?> Settings(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["RateLimits:LoginsPerAccount:Count"] = "1000",
            ["RateLimits:SendsPerDestination:Count"] = "1000",
            ["RateLimits:SendsPerAccount:Count"] = "1000",
            ["Webhooks:AllowInsecureUrls"] = "true",
            ["Webhooks:AllowPrivateAddresses"] = "true",
            ["Webhooks:PollInterval"] = "00:00:00.050",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return VerigateTestServer.Relaxed(settings);
    }

    private sealed record Account(string UserId, string Username, string Email, string Session);

    private sealed record SignedIn(string Token, string DeviceId, string? DeviceToken);

    private async Task<Account> SignUpAsync(VerigateTestServer? server = null)
    {
        var a = await new AccountSteps(server ?? _server).SignUpAsync();
        return new Account(a.UserId, a.Username, a.Email, a.SessionToken);
    }

    /// <summary>Another sign-in of the account, as a device named <paramref name="deviceName"/> (a code to its email unless the device is remembered).</summary>
    private async Task<SignedIn> SignInAsync(Account account, string deviceName = "Pixel 8", bool trust = false, string? deviceToken = null, VerigateTestServer? server = null)
    {
        server ??= _server;
        using var anonymous = server.Anonymous();
        var before = (await server.WaitForMessagesAsync(account.Email)).Count;
        var login = await anonymous.PostAsJsonAsync("/v1/sessions", new { login = account.Username, password = AccountSteps.Password, deviceToken, deviceName });
        if (login.StatusCode == HttpStatusCode.Created)
        {
            var direct = await login.JsonAsync();
            return new SignedIn(direct.Str("sessionToken"), direct.Str("deviceId"), null);
        }

        Assert.Equal(HttpStatusCode.Accepted, login.StatusCode);
        var code = await server.CodeSentToAsync(account.Email, before + 1);
        var verified = await anonymous.PostAsJsonAsync($"/v1/challenges/{(await login.JsonAsync()).Str("challengeId")}/verify", new { code, trustDevice = trust });
        Assert.Equal(HttpStatusCode.Created, verified.StatusCode);
        var json = await verified.JsonAsync();
        return new SignedIn(json.Str("sessionToken"), json.Str("deviceId"), json.TryGetProperty("deviceToken", out var t) ? t.GetString() : null);
    }

    private static async Task<List<JsonElement>> SessionsAsync(HttpClient client)
    {
        var response = await client.GetAsync("/v1/me/sessions");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.JsonAsync()).EnumerateArray()];
    }

    private static async Task<List<JsonElement>> DevicesAsync(HttpClient client)
    {
        var response = await client.GetAsync("/v1/me/devices");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.JsonAsync()).EnumerateArray()];
    }

    private static async Task<HttpStatusCode> MeStatusAsync(VerigateTestServer server, string token)
    {
        using var client = server.SignedIn(token);
        return (await client.GetAsync("/v1/me")).StatusCode;
    }

    private async Task<List<string>> AuditTypesAsync(string userId)
    {
        await using var read = await _server.Services.GetRequiredService<IStore>().OpenReadAsync(CancellationToken.None);
        return [.. (await read.Audit.ListForUserAsync(long.Parse(userId, CultureInfo.InvariantCulture), 200, CancellationToken.None)).Select(e => e.Type)];
    }

    [Fact]
    public async Task The_list_shows_each_session_in_use_with_its_device_and_times_and_marks_the_callers_own()
    {
        var account = await SignUpAsync();
        var phone = await SignInAsync(account, "Pixel 8");
        using var client = _server.SignedIn(phone.Token);

        var sessions = await SessionsAsync(client);
        Assert.Equal(2, sessions.Count);
        var own = sessions[0]; // the caller's own comes first
        Assert.True(own.GetProperty("current").GetBoolean());
        Assert.Equal("Pixel 8", own.Str("deviceName"));
        Assert.Equal(phone.DeviceId, own.Str("deviceId"));
        Assert.Matches("^ses_[A-Za-z0-9_-]{16}$", own.Str("sessionId"));
        Assert.Equal(_server.Time.GetUtcNow().UtcDateTime, own.GetProperty("createdAt").GetDateTime(), TimeSpan.FromSeconds(1));
        Assert.False(sessions[1].GetProperty("current").GetBoolean());
        Assert.DoesNotContain(sessions, s => s.ToString().Contains("vgs_", StringComparison.Ordinal)); // ids, never tokens

        // lastSeenAt moves at most once a minute: 30 seconds later it is as it was; two minutes later it is now.
        var seen = own.GetProperty("lastSeenAt").GetDateTime();
        _server.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(seen, (await SessionsAsync(client))[0].GetProperty("lastSeenAt").GetDateTime());
        _server.Time.Advance(TimeSpan.FromMinutes(2));
        await client.GetAsync("/v1/me");
        Assert.Equal(_server.Time.GetUtcNow().UtcDateTime, (await SessionsAsync(client))[0].GetProperty("lastSeenAt").GetDateTime(), TimeSpan.FromSeconds(1));

        // Another account sees only its own.
        var other = await SignUpAsync();
        using var otherClient = _server.SignedIn(other.Session);
        Assert.Single(await SessionsAsync(otherClient));
    }

    [Fact]
    public async Task Ending_a_session_stops_its_token_at_once_and_another_accounts_session_ids_answer_not_found()
    {
        var owner = await SignUpAsync();
        var laptop = await SignInAsync(owner, "Laptop");
        using var ownerClient = _server.SignedIn(owner.Session);
        var laptopSessionId = (await SessionsAsync(ownerClient)).Single(s => !s.GetProperty("current").GetBoolean()).Str("sessionId");

        // Another account cannot end it, and learns nothing: the same 404 as an id that never existed.
        var stranger = await SignUpAsync();
        using var strangerClient = _server.SignedIn(stranger.Session);
        await (await strangerClient.DeleteAsync($"/v1/me/sessions/{laptopSessionId}")).ProblemAsync(404, "session_not_found");
        await (await strangerClient.DeleteAsync("/v1/me/sessions/ses_AAAAAAAAAAAAAAAA")).ProblemAsync(404, "session_not_found");
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(_server, laptop.Token));

        Assert.Equal(HttpStatusCode.NoContent, (await ownerClient.DeleteAsync($"/v1/me/sessions/{laptopSessionId}")).StatusCode);
        using (var laptopClient = _server.SignedIn(laptop.Token))
        {
            await (await laptopClient.GetAsync("/v1/me")).ProblemAsync(401, "unauthorized");
        }
        await (await ownerClient.DeleteAsync($"/v1/me/sessions/{laptopSessionId}")).ProblemAsync(404, "session_not_found");
        Assert.Single(await SessionsAsync(ownerClient));
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(_server, owner.Session));

        Assert.Contains("session.revoked", await AuditTypesAsync(owner.UserId));
        var events = await _receiver.WaitForAsync(all => all.Any(r => r.Type == "account.sessions_revoked" && r.Data.Str("userId") == owner.UserId));
        var revoked = events.First(r => r.Type == "account.sessions_revoked" && r.Data.Str("userId") == owner.UserId);
        Assert.True(revoked.SignatureValid);
        Assert.Equal("revoked", revoked.Data.Str("reason"));
        Assert.Equal([laptopSessionId], revoked.Data.GetProperty("sessionIds").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.DoesNotContain("vgs_", revoked.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("ses_short")]
    [InlineData("ses_AAAAAAAAAAAAAAA!")]
    [InlineData("ses_AAAAAAAAAAAAAAAAA")]
    [InlineData("vgs_AAAAAAAAAAAAAAAA")]
    [InlineData("ses_%0D%0AAAAAAAAAAAAAAA")]
    public async Task A_malformed_session_id_is_a_400_problem_naming_the_field(string sessionId)
    {
        var account = await SignUpAsync();
        using var client = _server.SignedIn(account.Session);
        var problem = await (await client.DeleteAsync($"/v1/me/sessions/{sessionId}")).ProblemAsync(400, "invalid_request");
        Assert.Equal("sessionId", problem.Str("field"));
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(_server, account.Session));
    }

    [Fact]
    public async Task Signing_out_revokes_the_token_on_the_server_and_every_endpoint_then_answers_401()
    {
        var account = await SignUpAsync();
        var other = await SignInAsync(account);
        using var client = _server.SignedIn(other.Token);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/v1/sessions/current")).StatusCode);

        await (await client.GetAsync("/v1/me")).ProblemAsync(401, "unauthorized");
        await (await client.GetAsync("/v1/me/sessions")).ProblemAsync(401, "unauthorized");
        await (await client.GetAsync("/v1/me/devices")).ProblemAsync(401, "unauthorized");
        await (await client.PostAsync("/v1/me/sessions/revoke-others", null)).ProblemAsync(401, "unauthorized");
        await (await client.DeleteAsync("/v1/sessions/current")).ProblemAsync(401, "unauthorized");
        await (await client.DeleteAsync($"/v1/me/devices/{other.DeviceId}/trust")).ProblemAsync(401, "unauthorized");
        using var anonymous = _server.Anonymous();
        await (await anonymous.DeleteAsync("/v1/sessions/current")).ProblemAsync(401, "unauthorized");
        await (await anonymous.GetAsync("/v1/me/sessions")).ProblemAsync(401, "unauthorized");
        // An API key is not a session.
        using var integrator = _server.Integrator();
        await (await integrator.DeleteAsync("/v1/sessions/current")).ProblemAsync(401, "unauthorized");

        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(_server, account.Session)); // only that session ended
        Assert.Contains("session.signed_out", await AuditTypesAsync(account.UserId));
        await _receiver.WaitForAsync(all => all.Any(r => r.Type == "account.sessions_revoked" && r.Data.Str("userId") == account.UserId && r.Data.Str("reason") == "signed_out"));
    }

    [Fact]
    public async Task Signing_out_everywhere_else_ends_every_other_session_and_keeps_the_callers()
    {
        var account = await SignUpAsync();
        var phone = await SignInAsync(account, "Pixel 8");
        var laptop = await SignInAsync(account, "Laptop");
        using var client = _server.SignedIn(phone.Token);

        var first = await client.PostAsync("/v1/me/sessions/revoke-others", null);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(2, (await first.JsonAsync()).GetProperty("revoked").GetInt32());
        Assert.Equal(0, (await (await client.PostAsync("/v1/me/sessions/revoke-others", null)).JsonAsync()).GetProperty("revoked").GetInt32());

        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(_server, account.Session));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(_server, laptop.Token));
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(_server, phone.Token));
        Assert.Single(await SessionsAsync(client));

        Assert.Single(await AuditTypesAsync(account.UserId), t => t == "session.others_revoked"); // the second call changed nothing
        var events = await _receiver.WaitForAsync(all => all.Any(r => r.Type == "account.sessions_revoked" && r.Data.Str("userId") == account.UserId));
        var revoked = Assert.Single(events, r => r.Type == "account.sessions_revoked" && r.Data.Str("userId") == account.UserId);
        Assert.Equal("others_revoked", revoked.Data.Str("reason"));
        Assert.Equal(2, revoked.Data.GetProperty("sessionIds").GetArrayLength());
    }

    [Fact]
    public async Task Forgetting_a_remembered_device_makes_it_ask_for_the_code_again_and_keeps_its_session()
    {
        var account = await SignUpAsync();
        var phone = await SignInAsync(account, "Pixel 8", trust: true);
        Assert.NotNull(phone.DeviceToken);
        using var client = _server.SignedIn(account.Session);

        var devices = await DevicesAsync(client);
        Assert.Equal(2, devices.Count);
        var remembered = devices.Single(d => d.Str("deviceId") == phone.DeviceId);
        Assert.Equal("Pixel 8", remembered.Str("name"));
        Assert.True(remembered.GetProperty("remembered").GetBoolean());
        Assert.False(remembered.GetProperty("current").GetBoolean());
        Assert.Equal(_server.Time.GetUtcNow().AddDays(30).UtcDateTime, remembered.GetProperty("rememberedUntil").GetDateTime(), TimeSpan.FromSeconds(1));
        var own = devices.Single(d => d.Str("deviceId") != phone.DeviceId);
        Assert.True(own.GetProperty("current").GetBoolean());
        Assert.False(own.GetProperty("remembered").GetBoolean());
        Assert.Equal(JsonValueKind.Null, own.GetProperty("rememberedUntil").ValueKind);
        Assert.DoesNotContain(devices, d => d.ToString().Contains("vgd_", StringComparison.Ordinal));

        // Remembered: the device token skips the code.
        using (var anonymous = _server.Anonymous())
        {
            var skip = await anonymous.PostAsJsonAsync("/v1/sessions", new { login = account.Username, password = AccountSteps.Password, deviceToken = phone.DeviceToken });
            Assert.Equal(HttpStatusCode.Created, skip.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v1/me/devices/{phone.DeviceId}/trust")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v1/me/devices/{phone.DeviceId}/trust")).StatusCode); // already forgotten: alike

        using (var anonymous = _server.Anonymous())
        {
            var again = await anonymous.PostAsJsonAsync("/v1/sessions", new { login = account.Username, password = AccountSteps.Password, deviceToken = phone.DeviceToken });
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
            Assert.Equal("new_device", (await again.JsonAsync()).Str("reason"));
        }

        Assert.False((await DevicesAsync(client)).Single(d => d.Str("deviceId") == phone.DeviceId).GetProperty("remembered").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(_server, phone.Token)); // forgetting is not signing out
        Assert.Single(await AuditTypesAsync(account.UserId), t => t == "device.forgotten");
        var events = await _receiver.WaitForAsync(all => all.Any(r => r.Type == "account.device_forgotten" && r.Data.Str("userId") == account.UserId));
        var forgotten = Assert.Single(events, r => r.Type == "account.device_forgotten" && r.Data.Str("userId") == account.UserId);
        Assert.Equal(phone.DeviceId, forgotten.Data.Str("deviceId"));
        Assert.Equal("Pixel 8", forgotten.Data.Str("deviceName"));
    }

    [Fact]
    public async Task Another_accounts_device_or_an_unknown_one_is_not_found_and_malformed_ids_are_400()
    {
        var owner = await SignUpAsync();
        var phone = await SignInAsync(owner, "Pixel 8", trust: true);
        var stranger = await SignUpAsync();
        using var strangerClient = _server.SignedIn(stranger.Session);

        await (await strangerClient.DeleteAsync($"/v1/me/devices/{phone.DeviceId}/trust")).ProblemAsync(404, "device_not_found");
        await (await strangerClient.DeleteAsync("/v1/me/devices/12345/trust")).ProblemAsync(404, "device_not_found");
        Assert.DoesNotContain(await DevicesAsync(strangerClient), d => d.Str("deviceId") == phone.DeviceId);
        using (var ownerClient = _server.SignedIn(owner.Session))
        {
            Assert.True((await DevicesAsync(ownerClient)).Single(d => d.Str("deviceId") == phone.DeviceId).GetProperty("remembered").GetBoolean());
        }

        foreach (var bad in new[] { "abc", "-1", "0", "1.5", "99999999999999999999", "%2B12", "12%0A" })
        {
            var problem = await (await strangerClient.DeleteAsync($"/v1/me/devices/{bad}/trust")).ProblemAsync(400, "invalid_request");
            Assert.Equal("deviceId", problem.Str("field"));
        }
    }

    [Fact]
    public async Task An_idle_session_ends_leaves_the_list_and_cannot_be_ended_again()
    {
        await using var server = new VerigateTestServer(Settings(("Sessions:IdleTimeout", "01:00:00")));
        var account = await SignUpAsync(server);
        var phone = await SignInAsync(account, server: server);
        using var client = server.SignedIn(phone.Token);
        var idleId = (await SessionsAsync(client)).Single(s => !s.GetProperty("current").GetBoolean()).Str("sessionId");

        // The phone keeps being used; the first session does not.
        for (var i = 0; i < 4; i++)
        {
            server.Time.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/me")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(server, account.Session));
        Assert.Single(await SessionsAsync(client));
        await (await client.DeleteAsync($"/v1/me/sessions/{idleId}")).ProblemAsync(404, "session_not_found");
        Assert.Equal(0, (await (await client.PostAsync("/v1/me/sessions/revoke-others", null)).JsonAsync()).GetProperty("revoked").GetInt32());
    }

    [Fact]
    public async Task A_session_ends_at_its_absolute_lifetime_however_busy_it_is()
    {
        await using var server = new VerigateTestServer(Settings(("Sessions:Lifetime", "1.00:00:00"), ("Sessions:IdleTimeout", "01:00:00")));
        var account = await SignUpAsync(server);
        using var client = server.SignedIn(account.Session);

        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(23.5); elapsed += TimeSpan.FromMinutes(30))
        {
            server.Time.Advance(TimeSpan.FromMinutes(30));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/me")).StatusCode);
        }

        server.Time.Advance(TimeSpan.FromMinutes(31));
        await (await client.GetAsync("/v1/me")).ProblemAsync(401, "unauthorized");
    }

    [Fact]
    public async Task Session_lifetimes_out_of_range_are_refused_by_check_config_naming_each_setting()
    {
        var data = Directory.CreateTempSubdirectory("verigate-sessions-config-").FullName;
        try
        {
            var run = await ServerProcess.RunCommandAsync(data, new Dictionary<string, string>
            {
                ["Sessions__IdleTimeout"] = "00:01:00",
                ["Sessions__Lifetime"] = "500.00:00:00",
            }, "check-config");

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("Sessions:IdleTimeout must be between 00:05:00 and 400.00:00:00", run.Output, StringComparison.Ordinal);
            Assert.Contains("Sessions:Lifetime must be between 00:05:00 and 400.00:00:00", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
