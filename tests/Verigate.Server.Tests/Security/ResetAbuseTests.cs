using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests.Security;

/// <summary>
/// What an anonymous stranger can do with password resets, at the shipped limits: make the owner pay, lock them
/// out, block other people's numbers, or learn which logins exist. None of it may work.
/// </summary>
public sealed class ResetAbuseTests : IAsyncLifetime
{
    private const string Attacker = "127.0.0.2";
    private const string SecondAttacker = "127.0.0.4";
    private const string Owner = "127.0.0.3";
    private VerigateTestServer _server = null!;
    private AccountSteps _steps = null!;

    public Task InitializeAsync()
    {
        _server = new VerigateTestServer();
        _steps = new AccountSteps(_server);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static async Task<JsonElement> StartResetAsync(HttpClient client, string login)
    {
        var response = await client.PostAsJsonAsync("/v1/password-resets", new { login });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await response.JsonAsync();
    }

    private static Task<HttpResponseMessage> CompleteAsync(HttpClient client, string challengeId, string code) =>
        client.PostAsJsonAsync($"/v1/password-resets/{challengeId}/complete", new { code, newPassword = "a brand new passphrase" });

    [Fact]
    public async Task A_flood_of_resets_and_wrong_reset_codes_leaves_the_owner_able_to_sign_in_on_a_new_device()
    {
        var account = await _steps.SignUpAsync();
        using var attacker = _server.From(Attacker);
        for (var reset = 0; reset < 10; reset++)
        {
            var id = (await StartResetAsync(attacker, account.Username)).Str("challengeId");
            for (var guess = 0; guess < 5; guess++)
            {
                var wrong = await CompleteAsync(attacker, id, "000000");
                Assert.Contains((int)wrong.StatusCode, new[] { 422, 429 });
            }
        }

        using var owner = _server.From(Owner);
        var login = await owner.PostAsJsonAsync("/v1/sessions", new { login = account.Username, password = AccountSteps.Password, deviceName = "Pixel 8" });
        Assert.Equal(HttpStatusCode.Accepted, login.StatusCode);
        var challengeId = (await login.JsonAsync()).Str("challengeId");
        // The reset mails are already there, so wait for the sign-in mail itself, not just for any mail.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        IReadOnlyList<InboxMessage> messages;
        while (!(messages = await _server.WaitForMessagesAsync(account.Email)).Any(IsSignIn) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var code = VerigateTestServer.CodeOf(messages.First(IsSignIn));
        var verified = await owner.PostAsJsonAsync($"/v1/challenges/{challengeId}/verify", new { code });
        Assert.Equal(HttpStatusCode.Created, verified.StatusCode);
    }

    private static bool IsSignIn(InboxMessage message) => message.Subject!.Contains("sign", StringComparison.OrdinalIgnoreCase);

    [Fact]
    public async Task Resets_beyond_the_accounts_reset_budget_send_nothing_more_yet_answer_the_same()
    {
        var account = await _steps.SignUpAsync();
        using var attacker = _server.From(Attacker);
        var answers = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            var started = await StartResetAsync(attacker, account.Username);
            answers.Add(started.Str("to"));
            // Sent (or refused) before it is ended: the dispatcher drops the code of a challenge that has ended, so
            // ending it at once would race the send, and the count below would measure the race, not the budget.
            await _server.WaitForOutboxDrainedAsync();
            // Ended ("I didn't request this"), so the next request is a new reset, not this pending one again.
            Assert.Equal(HttpStatusCode.Accepted, (await attacker.PostAsync($"/v1/challenges/{started.Str("challengeId")}/report", null)).StatusCode);
        }

        await _server.WaitForOutboxDrainedAsync();
        Assert.Single(answers.Distinct());
        var resetMails = (await _server.WaitForMessagesAsync(account.Email)).Count(m => m.Subject!.Contains("reset", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(5, resetMails); // RateLimits:ResetsPerAccount, 5 an hour
    }

    [Fact]
    public async Task Decoy_resets_for_numbers_without_an_account_do_not_use_up_what_real_sends_to_that_block_need()
    {
        // 31 resets for unknown numbers in one 10,000-number block, each sent again once: more than the block's
        // hourly send budget (30). Two callers, each within their own per-IP budget.
        using var attacker = _server.From(Attacker);
        using var second = _server.From(SecondAttacker);
        var decoys = new List<(HttpClient Client, string Id)>();
        for (var i = 0; i < 31; i++)
        {
            var client = i % 2 == 0 ? attacker : second;
            decoys.Add((client, (await StartResetAsync(client, $"+49151123{i:D5}")).Str("challengeId")));
        }

        _server.Time.Advance(TimeSpan.FromSeconds(31));
        foreach (var (client, id) in decoys)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync($"/v1/challenges/{id}/resend", new { })).StatusCode);
        }

        // Two more resends of the decoy for one number: past that number's 10-minute budget (3).
        for (var i = 0; i < 2; i++)
        {
            _server.Time.Advance(TimeSpan.FromSeconds(150));
            Assert.Equal(HttpStatusCode.Accepted, (await second.PostAsJsonAsync($"/v1/challenges/{decoys[1].Id}/resend", new { })).StatusCode);
        }

        using var integrator = _server.Integrator();
        foreach (var to in new[] { "+4915112309999", "+4915112300001" })
        {
            var started = await integrator.PostAsJsonAsync("/v1/verifications", new { to, channel = "sms" });
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        }
    }

    [Fact]
    public async Task Sign_in_limits_count_every_spelling_of_one_phone_number_as_one_login()
    {
        using var attacker = _server.From(Attacker);
        for (var i = 0; i < 10; i++)
        {
            var wrong = await attacker.PostAsJsonAsync("/v1/sessions", new { login = "+4915112345678", password = "wrong password " + i });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        foreach (var spelling in new[] { "+49 151 12345678", "+49 (151) 1234-5678", " +4915112345678 " })
        {
            var limited = await attacker.PostAsJsonAsync("/v1/sessions", new { login = spelling, password = "another wrong one" });
            await limited.ProblemAsync(429, "rate_limited");
        }
    }

    [Fact]
    public async Task A_reset_for_an_unknown_username_answers_on_the_channel_real_accounts_use()
    {
        var phoneOnly = AccountSteps.UniqueName("ph");
        using (var client = _server.Anonymous())
        {
            var created = await client.PostAsJsonAsync("/v1/accounts", new { username = phoneOnly, password = AccountSteps.Password, phone = "+4915199887766" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var code = await _server.CodeSentToAsync("+4915199887766");
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/v1/challenges/{(await created.JsonAsync()).Str("challengeId")}/verify", new { code })).StatusCode);
        }

        using var attacker = _server.From(Attacker);
        var real = await StartResetAsync(attacker, phoneOnly);
        var unknown = await StartResetAsync(attacker, "nobody_" + phoneOnly);

        Assert.Equal("sms", real.Str("channel"));
        Assert.Equal("sms", unknown.Str("channel"));
        Assert.Matches(@"^\+49 ••• ••• \d\d$", unknown.Str("to"));
        Assert.Equal(unknown.Str("to"), (await StartResetAsync(attacker, "nobody_" + phoneOnly)).Str("to"));
    }

    [Fact]
    public async Task After_too_many_wrong_reset_codes_real_and_unknown_logins_are_paused_with_the_same_answer()
    {
        var account = await _steps.SignUpAsync();
        using var attacker = _server.From(Attacker);
        var answers = new List<string>();
        foreach (var login in new[] { account.Username, "ghost_" + account.Username })
        {
            for (var reset = 0; reset < 4; reset++)
            {
                var id = (await StartResetAsync(attacker, login)).Str("challengeId");
                for (var guess = 0; guess < 5; guess++)
                {
                    await (await CompleteAsync(attacker, id, "000000")).ProblemAsync(422, "code_incorrect");
                }
            }

            var next = (await StartResetAsync(attacker, login)).Str("challengeId");
            var paused = await CompleteAsync(attacker, next, "000000");
            var problem = await paused.ProblemAsync(429, "rate_limited");
            answers.Add($"{paused.Headers.RetryAfter} {problem.Str("title")} {problem.GetProperty("detail")}");
        }

        Assert.Equal(answers[0], answers[1]);
    }

    [Fact]
    public async Task A_password_reset_ends_every_challenge_started_before_it()
    {
        var account = await _steps.SignUpAsync();
        using var thief = _server.From(Attacker);
        var signIn = await thief.PostAsJsonAsync("/v1/sessions", new { login = account.Username, password = AccountSteps.Password });
        var signInId = (await signIn.JsonAsync()).Str("challengeId");
        var signInCode = await _server.CodeSentToAsync(account.Email, 2);

        using var owner = _server.From(Owner);
        var olderReset = (await StartResetAsync(owner, account.Username)).Str("challengeId");
        var olderCode = await _server.CodeSentToAsync(account.Email, 3);
        var reset = (await StartResetAsync(owner, account.Email)).Str("challengeId"); // another login: a reset of its own
        var resetCode = await _server.CodeSentToAsync(account.Email, 4);
        Assert.Equal(HttpStatusCode.NoContent, (await CompleteAsync(owner, reset, resetCode)).StatusCode);

        await (await thief.PostAsJsonAsync($"/v1/challenges/{signInId}/verify", new { code = signInCode, trustDevice = true })).ProblemAsync(404, "verification_not_found");
        await (await CompleteAsync(thief, olderReset, olderCode)).ProblemAsync(404, "verification_not_found");
    }
}
