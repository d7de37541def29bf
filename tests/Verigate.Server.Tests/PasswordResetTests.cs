using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests;

public sealed class PasswordResetTests : IAsyncLifetime
{
    private VerigateTestServer _server = null!;
    private AccountSteps _steps = null!;

    public Task InitializeAsync()
    {
        _server = new VerigateTestServer(VerigateTestServer.Relaxed());
        _steps = new AccountSteps(_server);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<HttpResponseMessage> StartAsync(string login)
    {
        using var client = _server.Anonymous();
        return await client.PostAsJsonAsync("/v1/password-resets", new { login });
    }

    private async Task<HttpResponseMessage> CompleteAsync(string challengeId, string code, string newPassword = "a brand new passphrase")
    {
        using var client = _server.Anonymous();
        return await client.PostAsJsonAsync($"/v1/password-resets/{challengeId}/complete", new { code, newPassword });
    }

    private static IEnumerable<string> Shape(JsonElement json) => json.EnumerateObject().Select(p => $"{p.Name}:{p.Value.ValueKind}");

    [Fact]
    public async Task Known_and_unknown_logins_get_the_same_shape_of_answer()
    {
        var account = await _steps.SignUpAsync();

        var known = await StartAsync(account.Username);
        var unknownName = await StartAsync("nobody_" + account.Username);
        var unknownEmail = await StartAsync("nobody@example.com");
        var knownJson = await known.JsonAsync();
        var unknownJson = await unknownName.JsonAsync();

        Assert.All(new[] { known, unknownName, unknownEmail }, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.Equal(Shape(knownJson), Shape(unknownJson));
        Assert.Equal(Shape(knownJson), Shape(await unknownEmail.JsonAsync()));
        Assert.Matches(@"^ch_[A-Za-z0-9_-]{22}$", unknownJson.Str("challengeId"));
        Assert.Matches(@"^[a-z]•••@[a-z]•••\.[a-z]+$", unknownJson.Str("to"));
        Assert.Equal("n•••@e•••.com", (await unknownEmail.JsonAsync()).Str("to"));
        Assert.Equal(unknownJson.Str("to"), (await (await StartAsync("nobody_" + account.Username)).JsonAsync()).Str("to"));
    }

    [Fact]
    public async Task A_decoy_challenge_answers_wrong_codes_exactly_like_a_real_one()
    {
        var account = await _steps.SignUpAsync();
        var real = (await (await StartAsync(account.Username)).JsonAsync()).Str("challengeId");
        var decoy = (await (await StartAsync("ghost_" + account.Username)).JsonAsync()).Str("challengeId");

        var realWrong = await (await CompleteAsync(real, "000000")).ProblemAsync(422, "code_incorrect");
        var decoyWrong = await (await CompleteAsync(decoy, "000000")).ProblemAsync(422, "code_incorrect");
        Assert.Equal(realWrong.GetRawText(), decoyWrong.GetRawText());

        using var client = _server.Anonymous();
        await _server.WaitForMessagesAsync(account.Email, 2);
        var realTimeline = (await (await client.GetAsync($"/v1/challenges/{real}/deliveries")).JsonAsync()).EnumerateArray().Select(d => d.Str("status")).ToList();
        var decoyTimeline = (await (await client.GetAsync($"/v1/challenges/{decoy}/deliveries")).JsonAsync()).EnumerateArray().Select(d => d.Str("status")).ToList();
        for (var i = 0; i < 50 && decoyTimeline.Count < realTimeline.Count; i++)
        {
            await Task.Delay(50);
            decoyTimeline = (await (await client.GetAsync($"/v1/challenges/{decoy}/deliveries")).JsonAsync()).EnumerateArray().Select(d => d.Str("status")).ToList();
        }

        Assert.Equal(realTimeline, decoyTimeline);
    }

    [Fact]
    public async Task Completing_a_reset_changes_the_password_signs_out_everywhere_and_forgets_trusted_devices()
    {
        var account = await _steps.SignUpAsync();
        var login = await (await _steps.LoginAsync(account.Username)).JsonAsync();
        using var client = _server.Anonymous();
        var code = VerigateTestServer.CodeOf((await _server.WaitForMessagesAsync(account.Email, 2))[0]);
        var trusted = await (await client.PostAsJsonAsync($"/v1/challenges/{login.Str("challengeId")}/verify", new { code, trustDevice = true })).JsonAsync();

        var reset = await (await StartAsync(account.Email)).JsonAsync();
        var resetMessage = (await _server.WaitForMessagesAsync(account.Email, 3))[0];
        Assert.Contains("to reset your Verigate password", resetMessage.Subject!, StringComparison.Ordinal);
        var done = await CompleteAsync(reset.Str("challengeId"), VerigateTestServer.CodeOf(resetMessage), "a brand new passphrase");

        Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);
        using var oldSession = _server.SignedIn(account.SessionToken);
        await (await oldSession.GetAsync("/v1/me")).ProblemAsync(401, "unauthorized");
        await (await _steps.LoginAsync(account.Username)).ProblemAsync(401, "invalid_credentials");
        _server.Time.Advance(TimeSpan.FromMinutes(10)); // three codes went to this address already: let its send limit refill
        Assert.Equal(HttpStatusCode.Accepted, (await _steps.LoginAsync(account.Username, "a brand new passphrase", trusted.Str("deviceToken"))).StatusCode);
        var notice = (await _server.WaitForMessagesAsync(account.Email, 5)).First(m => m.Subject!.Contains("password was changed", StringComparison.Ordinal));
        Assert.DoesNotContain("a brand new passphrase", notice.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resending_a_reset_code_by_another_channel_is_refused_alike_for_real_and_decoy_challenges()
    {
        var account = await _steps.SignUpAsync(phone: "+4915188889999");
        var real = (await (await StartAsync(account.Username)).JsonAsync()).Str("challengeId");
        var decoy = (await (await StartAsync("ghost_" + account.Username)).JsonAsync()).Str("challengeId");
        _server.Time.Advance(TimeSpan.FromSeconds(30));
        using var client = _server.Anonymous();

        var fromReal = await (await client.PostAsJsonAsync($"/v1/challenges/{real}/resend", new { channel = "sms" })).ProblemAsync(400, "channel_unavailable");
        var fromDecoy = await (await client.PostAsJsonAsync($"/v1/challenges/{decoy}/resend", new { channel = "sms" })).ProblemAsync(400, "channel_unavailable");

        Assert.Equal(fromReal.GetRawText(), fromDecoy.GetRawText());
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/v1/challenges/{real}/resend", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/v1/challenges/{decoy}/resend", null)).StatusCode);
    }

    [Fact]
    public async Task A_new_password_containing_the_login_gets_the_same_answer_for_real_and_decoy_challenges_with_a_wrong_code()
    {
        var account = await _steps.SignUpAsync();
        var real = (await (await StartAsync(account.Username)).JsonAsync()).Str("challengeId");
        var decoy = (await (await StartAsync("ghost_" + account.Username)).JsonAsync()).Str("challengeId");

        var fromReal = await (await CompleteAsync(real, "000000", $"my {account.Username} pass")).ProblemAsync(422, "code_incorrect");
        var fromDecoy = await (await CompleteAsync(decoy, "000000", $"my ghost_{account.Username} pass")).ProblemAsync(422, "code_incorrect");

        Assert.Equal(fromReal.GetRawText(), fromDecoy.GetRawText());
    }

    [Fact]
    public async Task A_weak_new_password_is_refused_before_the_code_is_spent()
    {
        var account = await _steps.SignUpAsync();
        var reset = await (await StartAsync(account.Username)).JsonAsync();
        var code = VerigateTestServer.CodeOf((await _server.WaitForMessagesAsync(account.Email, 2))[0]);

        var weak = await (await CompleteAsync(reset.Str("challengeId"), code, "short")).ProblemAsync(400, "weak_password");
        var containsName = await (await CompleteAsync(reset.Str("challengeId"), code, $"my {account.Username} pass")).ProblemAsync(400, "weak_password");

        Assert.Equal("newPassword", weak.Str("field"));
        Assert.Equal("newPassword", containsName.Str("field"));
        Assert.Equal(HttpStatusCode.NoContent, (await CompleteAsync(reset.Str("challengeId"), code)).StatusCode);
    }

    [Fact]
    public async Task A_reset_code_cannot_sign_in_and_a_login_code_cannot_reset()
    {
        var account = await _steps.SignUpAsync();
        var reset = await (await StartAsync(account.Username)).JsonAsync();
        var resetCode = VerigateTestServer.CodeOf((await _server.WaitForMessagesAsync(account.Email, 2))[0]);
        var login = await (await _steps.LoginAsync(account.Username)).JsonAsync();
        var loginCode = VerigateTestServer.CodeOf((await _server.WaitForMessagesAsync(account.Email, 3))[0]);
        using var client = _server.Anonymous();

        await (await client.PostAsJsonAsync($"/v1/challenges/{reset.Str("challengeId")}/verify", new { code = resetCode })).ProblemAsync(404, "verification_not_found");
        await (await CompleteAsync(login.Str("challengeId"), loginCode)).ProblemAsync(404, "verification_not_found");
    }

    [Fact]
    public async Task Reset_requests_from_one_ip_are_limited_whether_or_not_the_login_exists()
    {
        await using var server = new VerigateTestServer(new Dictionary<string, string?> { ["RateLimits:SendsPerIp:Count"] = "2" });
        using var client = server.Anonymous();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/v1/password-resets", new { login = "someone1" })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/v1/password-resets", new { login = "someone2@example.com" })).StatusCode);

        await (await client.PostAsJsonAsync("/v1/password-resets", new { login = "someone3" })).ProblemAsync(429, "rate_limited");
    }

    [Fact]
    public async Task A_throttled_reset_still_answers_202_with_the_expected_destination()
    {
        await using var server = new VerigateTestServer(VerigateTestServer.Relaxed(new Dictionary<string, string?> { ["RateLimits:ResetsPerAccount:Count"] = "1" }));
        var account = await new AccountSteps(server).SignUpAsync();
        using var client = server.Anonymous();

        var sent = await client.PostAsJsonAsync("/v1/password-resets", new { login = account.Username });
        await server.WaitForMessagesAsync(account.Email, 2);
        var throttled = await client.PostAsJsonAsync("/v1/password-resets", new { login = account.Username });

        Assert.Equal(HttpStatusCode.Accepted, throttled.StatusCode);
        Assert.Equal((await sent.JsonAsync()).Str("to"), (await throttled.JsonAsync()).Str("to"));
        await server.WaitForOutboxDrainedAsync();
        Assert.Equal(2, (await server.WaitForMessagesAsync(account.Email)).Count);
    }
}
