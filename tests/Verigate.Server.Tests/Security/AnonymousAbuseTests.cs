using System.Net;
using System.Net.Http.Json;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests.Security;

/// <summary>
/// What an anonymous caller can do to someone else's account, with the real default limits: the attacker pays
/// for their attempts, the owner can still sign in, and unknown logins answer exactly like real ones.
/// </summary>
public sealed class AnonymousAbuseTests : IAsyncLifetime
{
    private VerigateTestServer _server = null!;
    private AccountSteps _steps = null!;

    public Task InitializeAsync()
    {
        _server = new VerigateTestServer(); // default limits, every request from 127.0.0.1
        _steps = new AccountSteps(_server);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<HttpResponseMessage> StartResetAsync(string login)
    {
        using var client = _server.Anonymous();
        return await client.PostAsJsonAsync("/v1/password-resets", new { login });
    }

    private async Task<HttpResponseMessage> CompleteResetAsync(string challengeId, string code, string newPassword = "a brand new passphrase")
    {
        using var client = _server.Anonymous();
        return await client.PostAsJsonAsync($"/v1/password-resets/{challengeId}/complete", new { code, newPassword });
    }

    private async Task<HttpResponseMessage> VerifyAsync(string challengeId, string code)
    {
        using var client = _server.Anonymous();
        return await client.PostAsJsonAsync($"/v1/challenges/{challengeId}/verify", new { code });
    }

    [Fact]
    public async Task A_flood_of_anonymous_resets_leaves_the_owner_able_to_sign_in()
    {
        var owner = await _steps.SignUpAsync();
        for (var i = 0; i < 12; i++)
        {
            await StartResetAsync(i % 2 == 0 ? owner.Username : owner.Email); // answered 202 or 429, the attacker's problem
        }

        var login = await _steps.LoginAsync(owner.Username);

        Assert.Equal(HttpStatusCode.Accepted, login.StatusCode);
    }

    [Fact]
    public async Task Wrong_codes_on_resets_an_attacker_starts_do_not_lock_the_owners_sign_in()
    {
        var owner = await _steps.SignUpAsync();
        for (var reset = 0; reset < 5; reset++)
        {
            _server.Time.Advance(TimeSpan.FromMinutes(4)); // let the reset send budget refill: every reset is a real one
            var started = await (await StartResetAsync(owner.Username)).JsonAsync();
            for (var guess = 0; guess < 5; guess++)
            {
                await CompleteResetAsync(started.Str("challengeId"), "000000");
            }
        }

        var login = await _steps.LoginAsync(owner.Username);
        Assert.Equal(HttpStatusCode.Accepted, login.StatusCode);
        var messages = await _server.WaitForMessagesAsync(owner.Email, 7);
        var verified = await VerifyAsync((await login.JsonAsync()).Str("challengeId"), VerigateTestServer.CodeOf(messages[0]));

        Assert.Equal(HttpStatusCode.Created, verified.StatusCode);
    }

    [Fact]
    public async Task Reset_codes_lock_per_destination_the_same_for_unknown_and_real_logins()
    {
        var owner = await _steps.SignUpAsync();
        var unknown = AccountSteps.UniqueName("nobody");
        var details = new List<string?>();
        foreach (var login in new[] { owner.Username, unknown })
        {
            string? lastCode = null;
            string? lastTitle = null;
            for (var reset = 0; reset < 5 && lastCode != "rate_limited"; reset++)
            {
                _server.Time.Advance(TimeSpan.FromMinutes(4));
                var started = await (await StartResetAsync(login)).JsonAsync();
                for (var guess = 0; guess < 5 && lastCode != "rate_limited"; guess++)
                {
                    var answer = await (await CompleteResetAsync(started.Str("challengeId"), "000000")).JsonAsync();
                    lastCode = answer.Str("code");
                    lastTitle = answer.Str("detail");
                }
            }

            Assert.Equal("rate_limited", lastCode);
            details.Add(lastTitle);
        }

        Assert.Equal(details[0], details[1]); // worded the same for a real account and an unknown login
    }

    [Fact]
    public async Task Decoy_resends_spend_no_budget_a_real_send_to_that_number_needs()
    {
        const string number = "+14155550199";
        var started = await (await StartResetAsync(number)).JsonAsync();
        using var client = _server.Anonymous();
        foreach (var wait in new[] { 31, 61, 121 })
        {
            _server.Time.Advance(TimeSpan.FromSeconds(wait));
            var resent = await client.PostAsJsonAsync($"/v1/challenges/{started.Str("challengeId")}/resend", new { });
            Assert.Equal(HttpStatusCode.Accepted, resent.StatusCode);
        }

        using var api = _server.Integrator();
        var verification = await api.PostAsJsonAsync("/v1/verifications", new { to = number, channel = "sms" });

        Assert.Equal(HttpStatusCode.Created, verification.StatusCode);
    }

    [Fact]
    public async Task Spellings_of_one_phone_number_share_one_login_budget()
    {
        string[] spellings = ["+14155551840", "+1 415 555 1840", "+1 (415) 555-1840", " +1-415-555-1840 "];
        for (var i = 0; i < 10; i++)
        {
            var answer = await _steps.LoginAsync(spellings[i % spellings.Length], "wrong password entirely");
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        }

        var eleventh = await _steps.LoginAsync("+1 (415) 5551840", "wrong password entirely");

        await eleventh.ProblemAsync(429, "rate_limited");
    }

    [Fact]
    public async Task A_password_reset_ends_a_sign_in_begun_with_the_old_password_and_older_reset_codes()
    {
        var owner = await _steps.SignUpAsync();
        var thief = await (await _steps.LoginAsync(owner.Username)).JsonAsync();
        var thiefCode = await _server.CodeSentToAsync(owner.Email, 2);
        _server.Time.Advance(TimeSpan.FromMinutes(4));
        var olderReset = await (await StartResetAsync(owner.Username)).JsonAsync();
        var olderCode = await _server.CodeSentToAsync(owner.Email, 3);
        _server.Time.Advance(TimeSpan.FromMinutes(4));
        var reset = await (await StartResetAsync(owner.Username)).JsonAsync();
        var code = await _server.CodeSentToAsync(owner.Email, 4);
        Assert.Equal(HttpStatusCode.NoContent, (await CompleteResetAsync(reset.Str("challengeId"), code)).StatusCode);

        await (await VerifyAsync(thief.Str("challengeId"), thiefCode)).ProblemAsync(404, "verification_not_found");
        await (await CompleteResetAsync(olderReset.Str("challengeId"), olderCode, "yet another passphrase")).ProblemAsync(404, "verification_not_found");
    }

    [Fact]
    public async Task Wrong_verify_api_codes_to_one_destination_lock_across_verifications()
    {
        using var api = _server.Integrator();
        const string to = "+14155550142";
        string? last = null;
        for (var v = 0; v < 3; v++)
        {
            _server.Time.Advance(TimeSpan.FromMinutes(4));
            var created = await api.PostAsJsonAsync("/v1/verifications", new { to, channel = "sms" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var id = (await created.JsonAsync()).Str("id");
            for (var guess = 0; guess < 4; guess++)
            {
                last = (await (await api.PostAsJsonAsync($"/v1/verifications/{id}/check", new { code = "000000" })).JsonAsync()).Str("code");
            }

            // Ended, so the next start is a new verification (a pending one would be answered again, attempts and all).
            await api.PostAsync($"/v1/verifications/{id}/cancel", null);
        }

        Assert.Equal("rate_limited", last);
    }
}
