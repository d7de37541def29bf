using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests.Challenges;

/// <summary>
/// Issue 7 item 5: a second request of the same kind while a challenge is pending answers with that challenge and
/// sends its code again under the resend rules, keeping its attempts; resets behave the same for unknown logins.
/// </summary>
public sealed class PendingChallengeReuseTests : IAsyncLifetime
{
    private VerigateTestServer _server = null!;
    private AccountSteps _steps = null!;
    private int _next;

    public Task InitializeAsync()
    {
        _server = new VerigateTestServer(VerigateTestServer.Relaxed());
        _steps = new AccountSteps(_server);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<JsonElement> SignInAsync(string login)
    {
        var response = await _steps.LoginAsync(login);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await response.JsonAsync();
    }

    private async Task<JsonElement> ResetAsync(string login)
    {
        using var client = _server.Anonymous();
        var response = await client.PostAsJsonAsync("/v1/password-resets", new { login });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await response.JsonAsync();
    }

    private async Task<int> WrongResetCodeAsync(string challengeId)
    {
        using var client = _server.Anonymous();
        var response = await client.PostAsJsonAsync($"/v1/password-resets/{challengeId}/complete", new { code = "000000", newPassword = "a brand new passphrase" });
        return (await response.ProblemAsync(422, "code_incorrect")).GetProperty("attemptsRemaining").GetInt32();
    }

    private async Task<int> MessageCountAsync(string to)
    {
        using var client = _server.Anonymous();
        return (await client.GetFromJsonAsync<List<InboxMessage>>($"/v1/dev/messages?to={Uri.EscapeDataString(to)}"))!.Count;
    }

    [Fact]
    public async Task Signing_in_again_answers_with_the_pending_challenge_and_resends_its_code_only_after_the_wait()
    {
        var account = await _steps.SignUpAsync();
        var first = await SignInAsync(account.Username);
        var code = await _server.CodeSentToAsync(account.Email, 2); // sign-up's code, then the sign-in code

        var again = await SignInAsync(account.Username);
        Assert.Equal(first.Str("challengeId"), again.Str("challengeId"));
        Assert.Equal(first.Str("resendAvailableAt"), again.Str("resendAvailableAt")); // within the wait: nothing sent
        await _server.WaitForOutboxDrainedAsync();
        Assert.Equal(2, await MessageCountAsync(account.Email));

        _server.Time.Advance(TimeSpan.FromSeconds(31));
        var later = await SignInAsync(account.Email);
        Assert.Equal(first.Str("challengeId"), later.Str("challengeId"));
        Assert.NotEqual(first.Str("resendAvailableAt"), later.Str("resendAvailableAt"));
        Assert.Equal(code, await _server.CodeSentToAsync(account.Email, 3)); // the same code again, not a new one

        using var client = _server.Anonymous();
        var verified = await client.PostAsJsonAsync($"/v1/challenges/{first.Str("challengeId")}/verify", new { code });
        Assert.Equal(HttpStatusCode.Created, verified.StatusCode);

        // Once it is used, signing in again starts a new challenge.
        Assert.NotEqual(first.Str("challengeId"), (await SignInAsync(account.Username)).Str("challengeId"));
    }

    [Fact]
    public async Task Adding_the_same_address_again_answers_with_the_pending_change_and_resends_its_code_only_after_the_wait()
    {
        var account = await _steps.SignUpAsync();
        var address = $"second_{account.Username}@example.org";
        using var client = _server.SignedIn(account.SessionToken);
        async Task<string> AddAsync()
        {
            var response = await client.PostAsJsonAsync("/v1/me/contacts", new { email = address });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return (await response.JsonAsync()).Str("challengeId");
        }

        var first = await AddAsync();
        var code = await _server.CodeSentToAsync(address);
        Assert.Equal(first, await AddAsync());
        await _server.WaitForOutboxDrainedAsync();
        Assert.Equal(1, await MessageCountAsync(address)); // within the wait: nothing sent

        _server.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(first, await AddAsync());
        Assert.Equal(code, await _server.CodeSentToAsync(address, 2)); // the same code again, not a new one
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/v1/challenges/{first}/verify", new { code })).StatusCode);
    }

    [Fact]
    public async Task A_reused_sign_in_challenge_keeps_its_attempt_counter()
    {
        var account = await _steps.SignUpAsync();
        var id = (await SignInAsync(account.Username)).Str("challengeId");
        using var client = _server.Anonymous();
        async Task<int> WrongAsync() =>
            (await (await client.PostAsJsonAsync($"/v1/challenges/{id}/verify", new { code = "000000" })).ProblemAsync(422, "code_incorrect"))
                .GetProperty("attemptsRemaining").GetInt32();

        Assert.Equal(4, await WrongAsync());
        Assert.Equal(3, await WrongAsync());
        _server.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(id, (await SignInAsync(account.Username)).Str("challengeId"));
        Assert.Equal(2, await WrongAsync()); // no fresh attempts for asking again
    }

    [Fact]
    public async Task A_repeated_reset_answers_with_the_pending_one_for_known_and_unknown_logins_alike()
    {
        var account = await _steps.SignUpAsync();
        var unknown = "ghost_" + account.Username;

        var real = await ResetAsync(account.Username);
        var decoy = await ResetAsync(unknown);
        var code = await _server.CodeSentToAsync(account.Email, 2);
        Assert.Equal(4, await WrongResetCodeAsync(real.Str("challengeId")));
        Assert.Equal(4, await WrongResetCodeAsync(decoy.Str("challengeId")));

        // Asked again at once, and again after the wait: the same challenge and attempts for both.
        foreach (var advance in new[] { 0, 31 })
        {
            _server.Time.Advance(TimeSpan.FromSeconds(advance));
            var realAgain = await ResetAsync(account.Username.ToUpperInvariant());
            var decoyAgain = await ResetAsync(unknown);
            Assert.Equal(real.GetRawText(), realAgain.GetRawText());
            Assert.Equal(decoy.GetRawText(), decoyAgain.GetRawText());
        }

        Assert.Equal(3, await WrongResetCodeAsync(real.Str("challengeId")));
        Assert.Equal(3, await WrongResetCodeAsync(decoy.Str("challengeId")));
        Assert.Equal(code, await _server.CodeSentToAsync(account.Email, 3)); // resent once, after the wait, with the same code

        // Keyed by the login as typed, not by the account: another login of the same account shares nothing, as for
        // an unknown login (sharing would tell that the two logins belong together).
        Assert.NotEqual(real.Str("challengeId"), (await ResetAsync(account.Email)).Str("challengeId"));
    }

    [Fact]
    public async Task A_repeated_reset_after_its_sends_are_used_up_answers_the_same_for_known_and_unknown_logins()
    {
        var account = await _steps.SignUpAsync();
        var unknown = "ghost_" + account.Username;
        var real = await ResetAsync(account.Username);
        var decoy = await ResetAsync(unknown);
        foreach (var wait in new[] { 31, 61, 121, 241, 1, 1 })
        {
            _server.Time.Advance(TimeSpan.FromSeconds(wait));
            Assert.Equal(real.GetRawText(), (await ResetAsync(account.Username)).GetRawText());
            Assert.Equal(decoy.GetRawText(), (await ResetAsync(unknown)).GetRawText());
        }
    }

    [Fact]
    public async Task Starting_a_verification_again_reuses_it_per_key_purpose_and_destination()
    {
        var to = $"+49151{Interlocked.Increment(ref _next) + 33000000}";
        using var api = _server.Integrator();
        using var other = _server.Integrator(VerigateTestServer.OtherApiKey);
        async Task<JsonElement> StartAsync(HttpClient client, string purpose = "login")
        {
            var response = await client.PostAsJsonAsync("/v1/verifications", new { to, channel = "sms", purpose });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return await response.JsonAsync();
        }

        var first = await StartAsync(api);
        var code = await _server.CodeSentToAsync(to);
        var wrong = await (await api.PostAsJsonAsync($"/v1/verifications/{first.Str("id")}/check", new { code = "0000000" }))
            .ProblemAsync(422, "code_incorrect");
        Assert.Equal(4, wrong.GetProperty("attemptsRemaining").GetInt32());

        var again = await StartAsync(api);
        Assert.Equal(first.Str("id"), again.Str("id"));
        Assert.Equal(4, again.GetProperty("attemptsRemaining").GetInt32());
        Assert.NotEqual(first.Str("id"), (await StartAsync(api, "signup")).Str("id"));
        Assert.NotEqual(first.Str("id"), (await StartAsync(other)).Str("id"));
        await _server.WaitForMessagesAsync(to, 3);

        foreach (var wait in new[] { 31, 61, 121, 241 })
        {
            _server.Time.Advance(TimeSpan.FromSeconds(wait));
            Assert.Equal(first.Str("id"), (await StartAsync(api)).Str("id"));
        }

        var messages = await _server.WaitForMessagesAsync(to, 7);
        Assert.Equal(5, messages.Count(m => VerigateTestServer.CodeOf(m) == code));

        // Five sends used: asking again says so, and when asking again will work (when this one expires).
        _server.Time.Advance(TimeSpan.FromSeconds(1));
        var refused = await api.PostAsJsonAsync("/v1/verifications", new { to, channel = "sms", purpose = "login" });
        await refused.ProblemAsync(429, "too_many_sends");
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 600);
        Assert.Equal(code, VerigateTestServer.CodeOf((await _server.WaitForMessagesAsync(to, 7))[0]));
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync($"/v1/verifications/{first.Str("id")}/check", new { code })).StatusCode);
    }
}
