using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Verigate.Core.Storage;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests;

/// <summary>
/// Recovery for a person who lost their second factor, over HTTP with a fake clock: password, then a code to a
/// verified contact, then a waiting period (72 h) in which every verified contact is told and can cancel.
/// </summary>
public sealed class AccountRecoveryTests : IAsyncLifetime
{
    private VerigateTestServer _server = null!;
    private AccountSteps _steps = null!;

    public Task InitializeAsync()
    {
        _server = new VerigateTestServer(VerigateTestServer.Relaxed(new Dictionary<string, string?>
        {
            ["RateLimits:LoginsPerAccount:Count"] = "1000",
        }));
        _steps = new AccountSteps(_server);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private sealed record Enrolled(string UserId, string Username, string Email, string Session);

    private async Task<Enrolled> EnrolAsync()
    {
        var account = await _steps.SignUpAsync();
        using var client = _server.SignedIn(account.SessionToken);
        var secret = Base32Encoding.ToBytes((await (await client.PostAsync("/v1/me/totp", null)).JsonAsync()).Str("secret"));
        var code = new Totp(secret).ComputeTotp(_server.Time.GetUtcNow().UtcDateTime);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/v1/me/totp/confirm", new { code })).StatusCode);
        return new Enrolled(account.UserId, account.Username, account.Email, account.SessionToken);
    }

    /// <summary>Password, then the code sent to the verified email; returns the open request.</summary>
    private async Task<JsonElement> RequestRecoveryAsync(Enrolled account)
    {
        using var anonymous = _server.Anonymous();
        var before = (await _server.WaitForMessagesAsync(account.Email)).Count;
        var started = await anonymous.PostAsJsonAsync("/v1/account-recovery", new { login = account.Username, password = AccountSteps.Password });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var json = await started.JsonAsync();
        Assert.Equal("email", json.Str("channel"));
        Assert.DoesNotContain(account.Email, json.Str("to"), StringComparison.Ordinal);
        var code = await _server.CodeSentToAsync(account.Email, before + 1);

        var opened = await anonymous.PostAsJsonAsync($"/v1/account-recovery/{json.Str("challengeId")}/confirm", new { code });
        Assert.Equal(HttpStatusCode.Accepted, opened.StatusCode);
        var recovery = await opened.JsonAsync();
        Assert.Equal("pending", recovery.Str("status"));
        Assert.StartsWith("rec_", recovery.Str("recoveryId"), StringComparison.Ordinal);
        Assert.Equal(_server.Time.GetUtcNow().AddHours(72).UtcDateTime, recovery.GetProperty("removesAt").GetDateTime(), TimeSpan.FromSeconds(1));
        return recovery;
    }

    private async Task<List<InboxMessage>> NoticesAsync(string email, string subjectPart) =>
        [.. (await _server.WaitForMessagesAsync(email)).Where(m => m.Subject?.Contains(subjectPart, StringComparison.Ordinal) == true)];

    private async Task<InboxMessage> WaitForNoticeAsync(string email, string subjectPart)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if ((await NoticesAsync(email, subjectPart)).FirstOrDefault() is { } notice)
            {
                return notice;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No notice '{subjectPart}' to {email}.");
            await Task.Delay(20);
        }
    }

    private async Task<HttpResponseMessage> StatusAsync(string recoveryId)
    {
        using var anonymous = _server.Anonymous();
        return await anonymous.GetAsync($"/v1/account-recovery/{recoveryId}");
    }

    [Fact]
    public async Task A_request_tells_every_verified_contact_and_canceling_it_while_signed_in_removes_nothing()
    {
        var account = await EnrolAsync();
        var recovery = await RequestRecoveryAsync(account);

        var told = await WaitForNoticeAsync(account.Email, "asked to remove two-step sign-in");
        Assert.Contains("in 72 hours unless you cancel", told.Body, StringComparison.Ordinal);

        using (var anonymous = _server.Anonymous())
        {
            // One at a time: a second request while one waits is refused (after the password).
            var again = await anonymous.PostAsJsonAsync("/v1/account-recovery", new { login = account.Username, password = AccountSteps.Password });
            await again.ProblemAsync(409, "account_recovery_pending");
        }

        using var owner = _server.SignedIn(account.Session);
        var canceled = await owner.DeleteAsync("/v1/me/account-recovery");
        Assert.Equal(HttpStatusCode.OK, canceled.StatusCode);
        Assert.Equal("canceled", (await canceled.JsonAsync()).Str("status"));
        await (await owner.DeleteAsync("/v1/me/account-recovery")).ProblemAsync(404, "account_recovery_not_found");
        Assert.Equal("canceled", (await (await StatusAsync(recovery.Str("recoveryId"))).JsonAsync()).Str("status"));
        await WaitForNoticeAsync(account.Email, "was canceled");

        // Past the waiting period nothing happens: the factor is still asked for and still on.
        _server.Time.Advance(TimeSpan.FromHours(73));
        var login = await _steps.LoginAsync(account.Username);
        Assert.Equal(HttpStatusCode.Accepted, login.StatusCode);
        Assert.Equal("two_factor", (await login.JsonAsync()).Str("reason"));
        Assert.Empty(await NoticesAsync(account.Email, "was removed"));
    }

    [Fact]
    public async Task The_single_use_link_in_the_notice_cancels_the_request_only_when_its_button_is_pressed()
    {
        var account = await EnrolAsync();
        var recovery = await RequestRecoveryAsync(account);
        var told = await WaitForNoticeAsync(account.Email, "asked to remove two-step sign-in");
        var token = System.Text.RegularExpressions.Regex.Match(told.Body, @"/links/(vgl_[A-Za-z0-9_-]{43})").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), told.Body);

        // A mail scanner fetching the link changes nothing.
        using var browser = _server.Anonymous();
        var page = await browser.GetAsync($"/links/{token}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Cancel the recovery", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using (var german = new HttpRequestMessage(HttpMethod.Get, $"/links/{token}"))
        {
            german.Headers.AcceptLanguage.ParseAdd("de-DE");
            var inGerman = await (await browser.SendAsync(german)).Content.ReadAsStringAsync();
            Assert.Contains("Wiederherstellung abbrechen", inGerman, StringComparison.Ordinal);
            Assert.Contains("<html lang=\"de\">", inGerman, StringComparison.Ordinal);
        }

        Assert.Equal("pending", (await (await StatusAsync(recovery.Str("recoveryId"))).JsonAsync()).Str("status"));

        async Task<HttpResponseMessage> PressAsync()
        {
            using var press = new HttpRequestMessage(HttpMethod.Post, "/links") { Content = new FormUrlEncodedContent([new("token", token)]) };
            press.Headers.Add("Sec-Fetch-Site", "same-origin");
            return await browser.SendAsync(press);
        }

        Assert.Equal(HttpStatusCode.OK, (await PressAsync()).StatusCode);
        Assert.Equal("canceled", (await (await StatusAsync(recovery.Str("recoveryId"))).JsonAsync()).Str("status"));
        Assert.Equal(HttpStatusCode.NotFound, (await PressAsync()).StatusCode); // single use
        await WaitForNoticeAsync(account.Email, "was canceled");

        _server.Time.Advance(TimeSpan.FromHours(73));
        Assert.Equal("two_factor", (await (await _steps.LoginAsync(account.Username)).JsonAsync()).Str("reason"));
    }

    [Fact]
    public async Task After_the_waiting_period_the_next_sign_in_removes_the_factor_tells_every_contact_and_audits_it()
    {
        var account = await EnrolAsync();
        var recovery = await RequestRecoveryAsync(account);

        // Not a minute early.
        _server.Time.Advance(TimeSpan.FromHours(72) - TimeSpan.FromMinutes(1));
        var early = await _steps.LoginAsync(account.Username);
        Assert.Equal("two_factor", (await early.JsonAsync()).Str("reason"));
        Assert.Equal("pending", (await (await StatusAsync(recovery.Str("recoveryId"))).JsonAsync()).Str("status"));

        _server.Time.Advance(TimeSpan.FromMinutes(2));
        var login = await _steps.LoginAsync(account.Username);
        Assert.Equal(HttpStatusCode.Accepted, login.StatusCode);
        var challenge = await login.JsonAsync();
        Assert.Equal("new_device", challenge.Str("reason")); // the factor is gone: the code to the verified contact signs in
        var status = await (await StatusAsync(recovery.Str("recoveryId"))).JsonAsync();
        Assert.Equal("completed", status.Str("status"));

        await WaitForNoticeAsync(account.Email, "was removed");
        var code = await _server.CodeSentToAsync(account.Email, (await _server.WaitForMessagesAsync(account.Email)).Count);
        using var anonymous = _server.Anonymous();
        var signedIn = await anonymous.PostAsJsonAsync($"/v1/challenges/{challenge.Str("challengeId")}/verify", new { code });
        Assert.Equal(HttpStatusCode.Created, signedIn.StatusCode);
        var me = await _steps.MeAsync((await signedIn.JsonAsync()).Str("sessionToken"));
        Assert.False(me.GetProperty("twoFactor").GetProperty("totp").GetBoolean());
        Assert.Equal(0, me.GetProperty("twoFactor").GetProperty("recoveryCodesRemaining").GetInt32());

        await using var read = await _server.Services.GetRequiredService<IStore>().OpenReadAsync(CancellationToken.None);
        var audit = (await read.Audit.ListForUserAsync(long.Parse(account.UserId, System.Globalization.CultureInfo.InvariantCulture), 100, CancellationToken.None))
            .Select(e => e.Type).ToList();
        Assert.Contains("account_recovery.requested", audit);
        Assert.Contains("account_recovery.completed", audit);
    }

    [Fact]
    public async Task Wrong_passwords_accounts_without_a_factor_and_bad_ids_get_clear_problems()
    {
        using var anonymous = _server.Anonymous();
        var plain = await _steps.SignUpAsync();
        await (await anonymous.PostAsJsonAsync("/v1/account-recovery", new { login = plain.Username, password = "not the password at all" }))
            .ProblemAsync(401, "invalid_credentials");
        await (await anonymous.PostAsJsonAsync("/v1/account-recovery", new { login = "nobody_here", password = AccountSteps.Password }))
            .ProblemAsync(401, "invalid_credentials");
        await (await anonymous.PostAsJsonAsync("/v1/account-recovery", new { login = plain.Username, password = AccountSteps.Password }))
            .ProblemAsync(409, "two_factor_not_enabled");
        await (await anonymous.PostAsJsonAsync("/v1/account-recovery", new { login = plain.Username })).ProblemAsync(400, "invalid_request");
        await (await anonymous.PostAsJsonAsync("/v1/account-recovery/ch_unknown/confirm", new { code = "123456" })).ProblemAsync(404, "verification_not_found");
        await (await StatusAsync("rec_unknown")).ProblemAsync(404, "account_recovery_not_found");

        // A wrong code uses an attempt like any code.
        var account = await EnrolAsync();
        var started = await (await anonymous.PostAsJsonAsync("/v1/account-recovery", new { login = account.Username, password = AccountSteps.Password })).JsonAsync();
        // The sign-up code, the authenticator notice and the recovery code, in whatever order the dispatcher delivered
        // the last two: the newest message that carries a code is the recovery's.
        var messages = await _server.WaitForMessagesAsync(account.Email, 3);
        var code = VerigateTestServer.CodeOf(messages.First(m => !m.Body.Contains("authenticator app was just added", StringComparison.Ordinal)));
        var wrong = code == "000000" ? "111111" : "000000";
        await (await anonymous.PostAsJsonAsync($"/v1/account-recovery/{started.Str("challengeId")}/confirm", new { code = wrong })).ProblemAsync(422, "code_incorrect");
    }
}
