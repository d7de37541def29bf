using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OtpNet;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests;

/// <summary>Authenticator app, recovery codes, two-factor sign-in, reset with a second factor and re-authentication, over HTTP.</summary>
public sealed class TwoFactorTests : IAsyncLifetime
{
    private VerigateTestServer _server = null!;
    private AccountSteps _steps = null!;

    public Task InitializeAsync()
    {
        _server = new VerigateTestServer(VerigateTestServer.Relaxed(new Dictionary<string, string?>
        {
            ["RateLimits:LoginsPerAccount:Count"] = "1000",
            ["RateLimits:ResetsPerAccount:Count"] = "1000",
        }));
        _steps = new AccountSteps(_server);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private sealed record Enrolled(string Username, string Email, string Session, byte[] Secret, List<string> RecoveryCodes);

    /// <summary>The code an authenticator app shows at the server's (fake) clock, <paramref name="stepOffset"/> steps away.</summary>
    private string TotpNow(byte[] secret, int stepOffset = 0) =>
        new OtpNet.Totp(secret).ComputeTotp(_server.Time.GetUtcNow().UtcDateTime.AddSeconds(30 * stepOffset));

    /// <summary>Moves the clock to the next 30-second step, so the next code is a new one.</summary>
    private void NextStep() => _server.Time.Advance(TimeSpan.FromSeconds(30));

    private async Task<Enrolled> EnrolAsync()
    {
        var account = await _steps.SignUpAsync();
        using var client = _server.SignedIn(account.SessionToken);
        var started = await client.PostAsync("/v1/me/totp", null);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var json = await started.JsonAsync();
        var secret = Base32Encoding.ToBytes(json.Str("secret"));
        var confirmed = await client.PostAsJsonAsync("/v1/me/totp/confirm", new { code = TotpNow(secret) });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var codes = (await confirmed.JsonAsync()).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        NextStep();
        return new Enrolled(account.Username, account.Email, account.SessionToken, secret, codes);
    }

    private async Task<JsonElement> TwoFactorChallengeAsync(string username)
    {
        var login = await _steps.LoginAsync(username);
        Assert.Equal(HttpStatusCode.Accepted, login.StatusCode);
        return await login.JsonAsync();
    }

    private async Task<HttpResponseMessage> VerifyAsync(string challengeId, object body)
    {
        using var client = _server.Anonymous();
        return await client.PostAsJsonAsync($"/v1/challenges/{challengeId}/verify", body);
    }

    [Fact]
    public async Task Enrolment_shows_the_secret_uri_and_qr_once_and_the_first_right_code_activates_it()
    {
        var account = await _steps.SignUpAsync();
        using var client = _server.SignedIn(account.SessionToken);
        var json = await (await client.PostAsync("/v1/me/totp", null)).JsonAsync();
        Assert.Matches("^[A-Z2-7]{32}$", json.Str("secret")); // 160 bits
        Assert.Equal($"otpauth://totp/Verigate:{account.Username}?secret={json.Str("secret")}&issuer=Verigate&algorithm=SHA1&digits=6&period=30", json.Str("otpauthUri"));
        Assert.Contains("<svg", json.Str("qrSvg"), StringComparison.Ordinal);
        Assert.False((await _steps.MeAsync(account.SessionToken)).GetProperty("twoFactor").GetProperty("totp").GetBoolean());

        var secret = Base32Encoding.ToBytes(json.Str("secret"));
        var wrong = TotpNow(secret) == "000000" ? "111111" : "000000";
        await (await client.PostAsJsonAsync("/v1/me/totp/confirm", new { code = wrong })).ProblemAsync(422, "code_incorrect");
        var confirmed = await client.PostAsJsonAsync("/v1/me/totp/confirm", new { code = TotpNow(secret) });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var codes = (await confirmed.JsonAsync()).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Equal(10, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$", c));

        var twoFactor = (await _steps.MeAsync(account.SessionToken)).GetProperty("twoFactor");
        Assert.Equal("{\"totp\":true,\"passkeys\":0,\"recoveryCodesRemaining\":10}", twoFactor.GetRawText());
        await (await client.PostAsync("/v1/me/totp", null)).ProblemAsync(409, "totp_already_enabled");
        await (await client.PostAsJsonAsync("/v1/me/totp/confirm", new { code = TotpNow(secret, 1) })).ProblemAsync(409, "totp_not_enrolling");

        var notices = await _server.WaitForMessagesAsync(account.Email, 2);
        Assert.Contains("Two-step sign-in is now on", notices[0].Subject, StringComparison.Ordinal);
        Assert.DoesNotContain(json.Str("secret"), notices[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_on_a_new_device_asks_for_the_second_factor_and_sends_nothing()
    {
        var user = await EnrolAsync();
        var before = (await _server.WaitForMessagesAsync(user.Email, 2)).Count;

        var challenge = await TwoFactorChallengeAsync(user.Username);
        Assert.Equal("two_factor", challenge.Str("reason"));
        Assert.Equal(["totp", "recovery_code"], challenge.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.False(challenge.TryGetProperty("to", out _));
        Assert.False(challenge.TryGetProperty("channel", out _));

        // A sent-code answer cannot complete it, and counts as a wrong answer.
        var asCode = await (await VerifyAsync(challenge.Str("challengeId"), new { code = "123456" })).ProblemAsync(422, "code_incorrect");
        Assert.Equal(4, asCode.GetProperty("attemptsRemaining").GetInt32());

        var signedIn = await VerifyAsync(challenge.Str("challengeId"), new { totp = TotpNow(user.Secret), trustDevice = true });
        Assert.Equal(HttpStatusCode.Created, signedIn.StatusCode);
        var deviceToken = (await signedIn.JsonAsync()).Str("deviceToken");

        await Task.Delay(300);
        using var anonymous = _server.Anonymous();
        var after = await anonymous.GetFromJsonAsync<List<InboxMessage>>($"/v1/dev/messages?to={Uri.EscapeDataString(user.Email)}");
        Assert.Equal(before, after!.Count(m => !VerigateTestServer.IsNewSignInAlert(m))); // no code; only the new-sign-in alert

        // The remembered device skips the second factor, for Sessions:RememberDeviceFor (30 days).
        Assert.Equal(HttpStatusCode.Created, (await _steps.LoginAsync(user.Username, deviceToken: deviceToken)).StatusCode);
        _server.Time.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        var later = await _steps.LoginAsync(user.Username, deviceToken: deviceToken);
        Assert.Equal("two_factor", (await later.JsonAsync()).Str("reason"));
    }

    [Fact]
    public async Task A_used_totp_step_is_refused_and_one_step_either_side_is_accepted()
    {
        var user = await EnrolAsync();
        var code = TotpNow(user.Secret);
        Assert.Equal(HttpStatusCode.Created, (await VerifyAsync((await TwoFactorChallengeAsync(user.Username)).Str("challengeId"), new { totp = code })).StatusCode);

        // The same code again (a replay, or a shoulder-surfer) on a fresh challenge.
        var replay = await TwoFactorChallengeAsync(user.Username);
        await (await VerifyAsync(replay.Str("challengeId"), new { totp = code })).ProblemAsync(422, "code_incorrect");

        // The phone runs one step ahead: accepted. Then the step before it is older than the last used: refused.
        Assert.Equal(HttpStatusCode.Created, (await VerifyAsync(replay.Str("challengeId"), new { totp = TotpNow(user.Secret, 1) })).StatusCode);
        var older = await TwoFactorChallengeAsync(user.Username);
        NextStep();
        await (await VerifyAsync(older.Str("challengeId"), new { totp = TotpNow(user.Secret, -1) })).ProblemAsync(422, "code_incorrect");

        // Two steps away is outside the window.
        NextStep();
        await (await VerifyAsync(older.Str("challengeId"), new { totp = TotpNow(user.Secret, 2) })).ProblemAsync(422, "code_incorrect");

        // A phone one step behind, on a step newer than the last used one: accepted.
        NextStep();
        Assert.Equal(HttpStatusCode.Created, (await VerifyAsync(older.Str("challengeId"), new { totp = TotpNow(user.Secret, -1) })).StatusCode);
    }

    [Fact]
    public async Task Two_parallel_sign_ins_with_the_same_code_give_one_session()
    {
        var user = await EnrolAsync();
        var first = await TwoFactorChallengeAsync(user.Username);
        var second = await TwoFactorChallengeAsync(user.Username);
        var code = TotpNow(user.Secret);
        var results = await Task.WhenAll(
            VerifyAsync(first.Str("challengeId"), new { totp = code }),
            VerifyAsync(second.Str("challengeId"), new { totp = code }));
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_and_the_owner_is_told_how_many_remain()
    {
        var user = await EnrolAsync();
        var code = user.RecoveryCodes[3].ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal); // as typed from paper
        var signedIn = await VerifyAsync((await TwoFactorChallengeAsync(user.Username)).Str("challengeId"), new { recoveryCode = code });
        Assert.Equal(HttpStatusCode.Created, signedIn.StatusCode);
        Assert.Equal(9, (await _steps.MeAsync(user.Session)).GetProperty("twoFactor").GetProperty("recoveryCodesRemaining").GetInt32());

        var notice = (await _server.WaitForMessagesAsync(user.Email, 3))[0];
        Assert.Contains("recovery code was used", notice.Subject, StringComparison.Ordinal);
        Assert.Contains("9 remain", notice.Body, StringComparison.Ordinal);

        await (await VerifyAsync((await TwoFactorChallengeAsync(user.Username)).Str("challengeId"), new { recoveryCode = user.RecoveryCodes[3] }))
            .ProblemAsync(422, "code_incorrect");
    }

    [Fact]
    public async Task Twenty_parallel_uses_of_one_recovery_code_give_exactly_one_success()
    {
        var user = await EnrolAsync();
        var challenges = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            challenges.Add((await TwoFactorChallengeAsync(user.Username)).Str("challengeId"));
        }

        var results = await Task.WhenAll(challenges.Select(id => VerifyAsync(id, new { recoveryCode = user.RecoveryCodes[0] })));
        Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(19, results.Count(r => r.StatusCode == HttpStatusCode.UnprocessableEntity));
        Assert.Equal(9, (await _steps.MeAsync(user.Session)).GetProperty("twoFactor").GetProperty("recoveryCodesRemaining").GetInt32());
    }

    [Fact]
    public async Task Sensitive_changes_need_a_fresh_session_and_re_authentication_needs_the_second_factor()
    {
        var user = await EnrolAsync();
        using var client = _server.SignedIn(user.Session);
        _server.Time.Advance(TimeSpan.FromMinutes(11));

        await (await client.PostAsync("/v1/me/recovery-codes", null)).ProblemAsync(403, "reauthentication_required");
        await (await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/v1/me/totp") { Content = JsonContent.Create(new { totp = TotpNow(user.Secret) }) }))
            .ProblemAsync(403, "reauthentication_required");

        await (await client.PostAsJsonAsync("/v1/me/reauthenticate", new { password = AccountSteps.Password })).ProblemAsync(400, "second_factor_required");
        await (await client.PostAsJsonAsync("/v1/me/reauthenticate", new { password = "not the password", totp = TotpNow(user.Secret) })).ProblemAsync(401, "invalid_credentials");
        var fresh = await client.PostAsJsonAsync("/v1/me/reauthenticate", new { password = AccountSteps.Password, totp = TotpNow(user.Secret) });
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(_server.Time.GetUtcNow().AddMinutes(10).ToUnixTimeSeconds(), (await fresh.JsonAsync()).GetProperty("freshUntil").GetDateTimeOffset().ToUnixTimeSeconds());

        var renewed = await client.PostAsync("/v1/me/recovery-codes", null);
        Assert.Equal(HttpStatusCode.Created, renewed.StatusCode);
        var newCodes = (await renewed.JsonAsync()).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Equal(10, newCodes.Count);
        await (await VerifyAsync((await TwoFactorChallengeAsync(user.Username)).Str("challengeId"), new { recoveryCode = user.RecoveryCodes[1] }))
            .ProblemAsync(422, "code_incorrect"); // the old set died
        Assert.Equal(HttpStatusCode.Created, (await VerifyAsync((await TwoFactorChallengeAsync(user.Username)).Str("challengeId"), new { recoveryCode = newCodes[1] })).StatusCode);
    }

    [Fact]
    public async Task Turning_the_app_off_needs_a_current_factor_and_then_sign_in_sends_a_code_again()
    {
        var user = await EnrolAsync();
        using var client = _server.SignedIn(user.Session);
        var wrong = TotpNow(user.Secret) == "000000" ? "111111" : "000000";
        await (await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/v1/me/totp") { Content = JsonContent.Create(new { totp = wrong }) }))
            .ProblemAsync(422, "code_incorrect");
        await (await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/v1/me/totp") { Content = JsonContent.Create(new { }) }))
            .ProblemAsync(400, "second_factor_required");
        var off = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/v1/me/totp") { Content = JsonContent.Create(new { recoveryCode = user.RecoveryCodes[5] }) });
        Assert.Equal(HttpStatusCode.NoContent, off.StatusCode);
        Assert.Equal("{\"totp\":false,\"passkeys\":0,\"recoveryCodesRemaining\":0}", (await _steps.MeAsync(user.Session)).GetProperty("twoFactor").GetRawText());
        var turnedOff = await _server.WaitForMessagesAsync(user.Email, 4);
        Assert.Contains(turnedOff, m => m.Subject is { } s && s.Contains("turned off", StringComparison.Ordinal));

        var login = await (await _steps.LoginAsync(user.Username)).JsonAsync();
        Assert.Equal("new_device", login.Str("reason"));
        Assert.Equal(["code"], login.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task A_password_reset_needs_the_second_factor_and_keeps_it()
    {
        var user = await EnrolAsync();
        using var anonymous = _server.Anonymous();
        var started = await (await anonymous.PostAsJsonAsync("/v1/password-resets", new { login = user.Username })).JsonAsync();
        var messages = await _server.WaitForMessagesAsync(user.Email, 3);
        var code = VerigateTestServer.CodeOf(messages[0]);
        var complete = $"/v1/password-resets/{started.Str("challengeId")}/complete";

        await (await anonymous.PostAsJsonAsync(complete, new { code, newPassword = "a brand new passphrase" })).ProblemAsync(400, "second_factor_required");
        var wrong = TotpNow(user.Secret) == "000000" ? "111111" : "000000";
        await (await anonymous.PostAsJsonAsync(complete, new { code, newPassword = "a brand new passphrase", totp = wrong })).ProblemAsync(422, "code_incorrect");
        var done = await anonymous.PostAsJsonAsync(complete, new { code, newPassword = "a brand new passphrase", totp = TotpNow(user.Secret) });
        Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);

        NextStep();
        var login = await (await _steps.LoginAsync(user.Username, "a brand new passphrase")).JsonAsync();
        Assert.Equal("two_factor", login.Str("reason")); // the reset did not remove the factor
        var signedIn = await VerifyAsync(login.Str("challengeId"), new { totp = TotpNow(user.Secret) });
        Assert.Equal(HttpStatusCode.Created, signedIn.StatusCode);
        Assert.True((await _steps.MeAsync((await signedIn.JsonAsync()).Str("sessionToken"))).GetProperty("twoFactor").GetProperty("totp").GetBoolean());
    }

    [Fact]
    public async Task A_password_reset_without_a_second_factor_needs_only_the_code()
    {
        var account = await _steps.SignUpAsync();
        using var anonymous = _server.Anonymous();
        var started = await (await anonymous.PostAsJsonAsync("/v1/password-resets", new { login = account.Username })).JsonAsync();
        var code = await _server.CodeSentToAsync(account.Email, 2);
        var done = await anonymous.PostAsJsonAsync($"/v1/password-resets/{started.Str("challengeId")}/complete", new { code, newPassword = "a brand new passphrase" });
        Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);
    }

    [Theory]
    [InlineData("{\"totp\":\"١٢٣٤٥٦\"}", "totp")]
    [InlineData("{\"totp\":\"1234567\"}", "totp")]
    [InlineData("{\"totp\":[\"123456\"]}", "totp")]
    [InlineData("{\"totp\":123456}", "totp")]
    [InlineData("{\"recoveryCode\":\"7KQ2M-XC4UT\"}", "recoveryCode")]
    [InlineData("{\"totp\":\"123456\",\"recoveryCode\":\"7KQ2M-XC41T\"}", "totp")]
    [InlineData("{\"code\":\"123456\",\"totp\":\"123456\"}", "code")]
    public async Task Malformed_second_factor_answers_are_400_problems_naming_the_field(string body, string field)
    {
        var user = await EnrolAsync();
        var challenge = await TwoFactorChallengeAsync(user.Username);
        using var client = _server.Anonymous();
        var response = await client.PostAsync($"/v1/challenges/{challenge.Str("challengeId")}/verify",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.ProblemAsync(400, "invalid_request");
        Assert.Equal(field, problem.Str("field"));
    }

    [Fact]
    public async Task A_huge_recovery_code_is_a_400_problem()
    {
        var user = await EnrolAsync();
        using var client = _server.SignedIn(user.Session);
        var response = await client.PostAsJsonAsync("/v1/me/reauthenticate", new { password = AccountSteps.Password, recoveryCode = new string('7', 10_000) });
        Assert.Equal("recoveryCode", (await response.ProblemAsync(400, "invalid_request")).Str("field"));
    }
}
