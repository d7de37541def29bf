using System.Net;
using System.Net.Http.Json;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests;

public sealed class AccountFlowTests : IAsyncLifetime
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

    [Fact]
    public async Task Sign_up_sends_a_code_to_the_first_contact_and_verifying_it_signs_in()
    {
        var username = AccountSteps.UniqueName("Alice");
        using var client = _server.Anonymous();
        var created = await client.PostAsJsonAsync("/v1/accounts", new { username, password = AccountSteps.Password, email = $"{username}@Example.com", phone = "+4915133334444" });
        var json = await created.JsonAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Matches("^[0-9]+$", json.Str("userId"));
        Assert.Equal(username, json.Str("username"));
        Assert.Equal("email", json.Str("channel"));
        Assert.All(json.GetProperty("contacts").EnumerateArray(), c => Assert.False(c.GetProperty("verified").GetBoolean()));
        Assert.Contains("•••", json.GetProperty("contacts")[0].Str("to"), StringComparison.Ordinal);

        var message = (await _server.WaitForMessagesAsync($"{username}@example.com"))[0];
        Assert.Contains("to confirm your new Verigate account", message.Subject!, StringComparison.Ordinal);
        var verified = await client.PostAsJsonAsync($"/v1/challenges/{json.Str("challengeId")}/verify", new { code = VerigateTestServer.CodeOf(message) });
        Assert.Equal(HttpStatusCode.Created, verified.StatusCode);

        var me = await _steps.MeAsync((await verified.JsonAsync()).Str("sessionToken"));
        Assert.Equal(json.Str("userId"), me.Str("userId"));
        var contacts = me.GetProperty("contacts").EnumerateArray().ToList();
        Assert.True(contacts.Single(c => c.Str("channel") == "email").GetProperty("verified").GetBoolean());
        Assert.False(contacts.Single(c => c.Str("channel") == "sms").GetProperty("verified").GetBoolean());
        Assert.Single(me.GetProperty("devices").EnumerateArray(), d => d.GetProperty("current").GetBoolean());
        Assert.False(me.GetProperty("twoFactor").GetProperty("totp").GetBoolean());
    }

    [Fact]
    public async Task User_ids_are_time_ordered_and_public_lookups_show_only_id_and_username()
    {
        var first = await _steps.SignUpAsync();
        var second = await _steps.SignUpAsync();
        using var client = _server.Anonymous();

        var byId = await (await client.GetAsync($"/v1/users/{second.UserId}")).JsonAsync();
        var byName = await (await client.GetAsync($"/v1/users/by-username/{second.Username.ToUpperInvariant()}")).JsonAsync();

        Assert.True(long.Parse(second.UserId, System.Globalization.CultureInfo.InvariantCulture) > long.Parse(first.UserId, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["userId", "username"], byId.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(second.UserId, byName.Str("userId"));
        await (await client.GetAsync("/v1/users/9223372036854775807")).ProblemAsync(404, "user_not_found");
        await (await client.GetAsync("/v1/users/99999999999999999999")).ProblemAsync(404, "user_not_found");
        await (await client.GetAsync("/v1/users/by-username/nobody_here")).ProblemAsync(404, "user_not_found");
    }

    [Theory]
    [InlineData("ab cd", "invalid_username", "username")]
    [InlineData("12345", "invalid_username", "username")]
    [InlineData("admin", "invalid_username", "username")]
    public async Task Bad_usernames_are_refused(string username, string code, string field)
    {
        using var client = _server.Anonymous();
        var problem = await (await client.PostAsJsonAsync("/v1/accounts", new { username, password = AccountSteps.Password, email = "x@example.com" })).ProblemAsync(400, code);
        Assert.Equal(field, problem.Str("field"));
    }

    [Fact]
    public async Task A_taken_username_is_409_whatever_its_case()
    {
        var taken = await _steps.SignUpAsync();
        using var client = _server.Anonymous();

        var problem = await (await client.PostAsJsonAsync("/v1/accounts", new { username = taken.Username.ToUpperInvariant(), password = AccountSteps.Password, email = "other@example.com" }))
            .ProblemAsync(409, "username_taken");

        Assert.Equal("username", problem.Str("field"));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("password1")]
    public async Task Weak_passwords_are_refused(string password)
    {
        using var client = _server.Anonymous();
        await (await client.PostAsJsonAsync("/v1/accounts", new { username = AccountSteps.UniqueName(), password, email = "x@example.com" })).ProblemAsync(400, "weak_password");
    }

    [Fact]
    public async Task Sign_up_needs_a_valid_contact()
    {
        using var client = _server.Anonymous();
        await (await client.PostAsJsonAsync("/v1/accounts", new { username = AccountSteps.UniqueName(), password = AccountSteps.Password })).ProblemAsync(400, "invalid_request");
        var problem = await (await client.PostAsJsonAsync("/v1/accounts", new { username = AccountSteps.UniqueName(), password = AccountSteps.Password, phone = "+4990012345678" }))
            .ProblemAsync(400, "invalid_destination");
        Assert.Equal("phone", problem.Str("field"));
    }

    [Fact]
    public async Task Login_from_a_new_device_needs_a_code_and_trusting_the_device_skips_it_next_time()
    {
        var account = await _steps.SignUpAsync();

        var login = await _steps.LoginAsync(account.Email);
        Assert.Equal(HttpStatusCode.Accepted, login.StatusCode);
        var challenge = await login.JsonAsync();
        Assert.Equal("new_device", challenge.Str("reason"));
        Assert.Equal("email", challenge.Str("channel"));
        var message = (await _server.WaitForMessagesAsync(account.Email, 2))[0];
        Assert.Contains("to sign in on a new device", message.Subject!, StringComparison.Ordinal);
        Assert.Contains("Someone is signing in on 'Firefox on Linux' at ", message.Body, StringComparison.Ordinal);

        using var client = _server.Anonymous();
        var verified = await (await client.PostAsJsonAsync($"/v1/challenges/{challenge.Str("challengeId")}/verify",
            new { code = VerigateTestServer.CodeOf(message), trustDevice = true })).JsonAsync();
        var deviceToken = verified.Str("deviceToken");
        Assert.StartsWith("vgd_", deviceToken, StringComparison.Ordinal);

        var again = await _steps.LoginAsync(account.Username, deviceToken: deviceToken);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var session = await again.JsonAsync();
        Assert.Equal(verified.Str("deviceId"), session.Str("deviceId"));
        Assert.Contains((await _steps.MeAsync(session.Str("sessionToken"))).GetProperty("devices").EnumerateArray(), d => d.GetProperty("trusted").GetBoolean());
    }

    [Fact]
    public async Task A_device_token_of_another_account_does_not_skip_the_code()
    {
        var owner = await _steps.SignUpAsync();
        var other = await _steps.SignUpAsync();
        var login = await (await _steps.LoginAsync(owner.Username)).JsonAsync();
        var code = (await _server.WaitForMessagesAsync(owner.Email, 2))[0];
        using var client = _server.Anonymous();
        var token = (await (await client.PostAsJsonAsync($"/v1/challenges/{login.Str("challengeId")}/verify", new { code = VerigateTestServer.CodeOf(code), trustDevice = true })).JsonAsync()).Str("deviceToken");

        Assert.Equal(HttpStatusCode.Accepted, (await _steps.LoginAsync(other.Username, deviceToken: token)).StatusCode);
    }

    [Fact]
    public async Task Unknown_user_and_wrong_password_get_the_same_401()
    {
        var account = await _steps.SignUpAsync();

        var wrongPassword = await (await _steps.LoginAsync(account.Username, "not the password at all")).ProblemAsync(401, "invalid_credentials");
        var unknownUser = await (await _steps.LoginAsync("nobody_" + account.Username, "not the password at all")).ProblemAsync(401, "invalid_credentials");
        var unknownEmail = await (await _steps.LoginAsync("nobody@example.com")).ProblemAsync(401, "invalid_credentials");

        Assert.Equal(wrongPassword.GetRawText(), unknownUser.GetRawText());
        Assert.Equal(wrongPassword.GetRawText(), unknownEmail.GetRawText());
    }

    [Fact]
    public async Task An_unverified_phone_cannot_be_used_to_log_in()
    {
        var account = await _steps.SignUpAsync(phone: "+4915155556666");
        await (await _steps.LoginAsync("+4915155556666")).ProblemAsync(401, "invalid_credentials");
        Assert.Equal(HttpStatusCode.Accepted, (await _steps.LoginAsync(account.Email)).StatusCode);
    }

    [Fact]
    public async Task Me_needs_a_valid_session()
    {
        using var anonymous = _server.Anonymous();
        using var forged = _server.SignedIn("vgs_forged");
        await (await anonymous.GetAsync("/v1/me")).ProblemAsync(401, "unauthorized");
        await (await forged.GetAsync("/v1/me")).ProblemAsync(401, "unauthorized");
    }

    [Fact]
    public async Task The_delivery_list_shows_each_step_with_a_hint_and_the_masked_destination()
    {
        var account = await _steps.SignUpAsync();
        var challengeId = (await (await _steps.LoginAsync(account.Username)).JsonAsync()).Str("challengeId");
        await _server.WaitForMessagesAsync(account.Email, 2);
        using var client = _server.Anonymous();

        var deliveries = (await (await client.GetAsync($"/v1/challenges/{challengeId}/deliveries")).JsonAsync()).EnumerateArray().ToList();

        Assert.Equal(["queued", "delivered"], deliveries.Select(d => d.Str("status")));
        Assert.All(deliveries, d => Assert.False(string.IsNullOrEmpty(d.Str("hint"))));
        Assert.All(deliveries, d => Assert.DoesNotContain(account.Email, d.GetRawText(), StringComparison.Ordinal));
        await (await client.GetAsync("/v1/challenges/ch_unknown/deliveries")).ProblemAsync(404, "verification_not_found");
    }

    [Fact]
    public async Task Resend_by_another_channel_goes_to_the_accounts_verified_contact_of_that_channel()
    {
        var account = await _steps.SignUpAsync(phone: "+4915177778888");
        var challengeId = (await (await _steps.LoginAsync(account.Username)).JsonAsync()).Str("challengeId");
        using var client = _server.Anonymous();
        _server.Time.Advance(TimeSpan.FromSeconds(30));

        // The phone is not verified, so there is nowhere to send by SMS.
        await (await client.PostAsJsonAsync($"/v1/challenges/{challengeId}/resend", new { channel = "sms" })).ProblemAsync(400, "channel_unavailable");
        var resent = await client.PostAsJsonAsync($"/v1/challenges/{challengeId}/resend", new { channel = "email" });

        Assert.Equal(HttpStatusCode.Accepted, resent.StatusCode);
        Assert.Equal("email", (await resent.JsonAsync()).Str("channel"));
        await _server.WaitForMessagesAsync(account.Email, 3);
    }

    [Fact]
    public async Task Reporting_a_code_kills_it_and_warns_the_owner()
    {
        var account = await _steps.SignUpAsync();
        var challengeId = (await (await _steps.LoginAsync(account.Username)).JsonAsync()).Str("challengeId");
        var code = VerigateTestServer.CodeOf((await _server.WaitForMessagesAsync(account.Email, 2))[0]);
        using var client = _server.Anonymous();

        var reported = await client.PostAsync($"/v1/challenges/{challengeId}/report", null);
        var notice = (await _server.WaitForMessagesAsync(account.Email, 3))[0];

        Assert.Equal(HttpStatusCode.Accepted, reported.StatusCode);
        Assert.Contains("didn't request", notice.Subject!, StringComparison.Ordinal);
        await (await client.PostAsJsonAsync($"/v1/challenges/{challengeId}/verify", new { code })).ProblemAsync(404, "verification_not_found");
        await (await client.PostAsync($"/v1/challenges/{challengeId}/report", null)).ProblemAsync(404, "verification_not_found");
    }

    [Fact]
    public async Task The_report_link_page_only_cancels_when_its_button_is_pressed()
    {
        var account = await _steps.SignUpAsync();
        var challengeId = (await (await _steps.LoginAsync(account.Username)).JsonAsync()).Str("challengeId");
        var code = VerigateTestServer.CodeOf((await _server.WaitForMessagesAsync(account.Email, 2))[0]);
        using var client = _server.Anonymous();

        var page = await client.GetAsync($"/report/{challengeId}");
        Assert.Contains("<form method=\"post\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        Assert.DoesNotContain("unsafe-inline", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        // Another site making the person's browser post is refused (the press below still finds the code to cancel).
        using (var crossSite = new HttpRequestMessage(HttpMethod.Post, $"/report/{challengeId}"))
        {
            crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
            Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(crossSite)).StatusCode);
        }

        using var pressed = new HttpRequestMessage(HttpMethod.Post, $"/report/{challengeId}");
        pressed.Headers.Add("Sec-Fetch-Site", "same-origin");
        pressed.Headers.AcceptLanguage.ParseAdd("es");
        var answer = await client.SendAsync(pressed);

        Assert.Contains("Código cancelado", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await (await client.PostAsJsonAsync($"/v1/challenges/{challengeId}/verify", new { code })).ProblemAsync(404, "verification_not_found");
    }

    [Fact]
    public async Task A_sign_up_code_cannot_verify_an_address_another_account_already_verified()
    {
        var first = await _steps.SignUpAsync();
        using var client = _server.Anonymous();
        var created = await (await client.PostAsJsonAsync("/v1/accounts", new { username = AccountSteps.UniqueName(), password = AccountSteps.Password, email = first.Email })).JsonAsync();
        var code = VerigateTestServer.CodeOf((await _server.WaitForMessagesAsync(first.Email, 2))[0]);

        await (await client.PostAsJsonAsync($"/v1/challenges/{created.Str("challengeId")}/verify", new { code })).ProblemAsync(409, "contact_taken");
    }

    [Fact]
    public async Task A_username_change_keeps_the_user_id_and_frees_the_old_name()
    {
        var account = await _steps.SignUpAsync();
        using var me = _server.SignedIn(account.SessionToken);
        var newName = AccountSteps.UniqueName("Renamed");

        var renamed = await me.PatchAsJsonAsync("/v1/me", new { username = newName });
        using var client = _server.Anonymous();

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(account.UserId, (await renamed.JsonAsync()).Str("userId"));
        Assert.Equal(account.UserId, (await (await client.GetAsync($"/v1/users/by-username/{newName}")).JsonAsync()).Str("userId"));
        await (await client.GetAsync($"/v1/users/by-username/{account.Username}")).ProblemAsync(404, "user_not_found");
        Assert.Equal(newName, (await _steps.MeAsync(account.SessionToken)).Str("username"));
        Assert.Equal(HttpStatusCode.Accepted, (await _steps.LoginAsync(newName)).StatusCode);
    }

    [Fact]
    public async Task A_username_change_needs_a_fresh_session()
    {
        var account = await _steps.SignUpAsync();
        using var me = _server.SignedIn(account.SessionToken);
        var newName = AccountSteps.UniqueName("Fresh");
        _server.Time.Advance(TimeSpan.FromMinutes(11));

        await (await me.PatchAsJsonAsync("/v1/me", new { username = newName })).ProblemAsync(403, "reauthentication_required");
        Assert.Equal(account.Username, (await _steps.MeAsync(account.SessionToken)).Str("username"));

        Assert.Equal(HttpStatusCode.OK, (await me.PostAsJsonAsync("/v1/me/reauthenticate", new { password = AccountSteps.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await me.PatchAsJsonAsync("/v1/me", new { username = newName })).StatusCode);
        Assert.Equal(newName, (await _steps.MeAsync(account.SessionToken)).Str("username"));
    }

    [Fact]
    public async Task A_username_change_to_a_taken_invalid_or_missing_name_is_refused()
    {
        var taken = await _steps.SignUpAsync();
        var account = await _steps.SignUpAsync();
        using var me = _server.SignedIn(account.SessionToken);

        await (await me.PatchAsJsonAsync("/v1/me", new { username = taken.Username.ToUpperInvariant() })).ProblemAsync(409, "username_taken");
        await (await me.PatchAsJsonAsync("/v1/me", new { username = "support" })).ProblemAsync(400, "invalid_username");
        Assert.Equal("username", (await (await me.PatchAsJsonAsync("/v1/me", new { name = "x" })).ProblemAsync(400, "invalid_request")).Str("field"));
        using var anonymous = _server.Anonymous();
        await (await anonymous.PatchAsJsonAsync("/v1/me", new { username = "whoever" })).ProblemAsync(401, "unauthorized");
        Assert.Equal(HttpStatusCode.OK, (await me.PatchAsJsonAsync("/v1/me", new { username = account.Username.ToUpperInvariant() })).StatusCode);
    }

    [Fact]
    public async Task Login_attempts_per_account_are_limited()
    {
        var account = await _steps.SignUpAsync();
        for (var i = 0; i < 10; i++)
        {
            await (await _steps.LoginAsync(account.Username, "wrong password here")).ProblemAsync(401, "invalid_credentials");
        }

        var limited = await _steps.LoginAsync(account.Username);
        await limited.ProblemAsync(429, "rate_limited");
        Assert.NotNull(limited.Headers.RetryAfter);
    }
}
