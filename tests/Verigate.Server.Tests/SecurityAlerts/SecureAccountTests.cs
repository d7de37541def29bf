using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using OtpNet;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests.SecurityAlerts;

/// <summary>
/// The new-device alert and its "this wasn't me — secure my account" link, over HTTP with a fake clock: the alert
/// names the device and time, the link's GET changes nothing, its button signs everyone out, forgets remembered
/// devices, cancels pending codes and makes the password stop working; a reset (still asking for the second factor)
/// sets a new one.
/// </summary>
public sealed partial class SecureAccountTests : IAsyncLifetime
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

    [GeneratedRegex(@"/links/(vgl_[A-Za-z0-9_-]{43})")]
    private static partial Regex LinkToken();

    private async Task<List<InboxMessage>> AlertsAsync(string to, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var alerts = (await _server.WaitForMessagesAsync(to, withAlerts: true)).Where(VerigateTestServer.IsNewSignInAlert).ToList();
            if (alerts.Count >= count)
            {
                return alerts;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Expected {count} new-sign-in alert(s) to {to}, found {alerts.Count}.");
            await Task.Delay(20);
        }
    }

    private async Task WaitForSubjectAsync(string to, string subject)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!(await _server.WaitForMessagesAsync(to)).Any(m => m.Subject == subject))
        {
            Assert.True(DateTime.UtcNow < deadline, $"No message '{subject}' to {to}.");
            await Task.Delay(20);
        }
    }

    /// <summary>Signs in on a new device with the code sent to the email; returns the session and (if asked) the device token.</summary>
    private async Task<(string Session, string? DeviceToken)> SignInWithCodeAsync(string username, string email, bool trust = false)
    {
        var before = (await _server.WaitForMessagesAsync(email)).Count;
        var challenge = await (await _steps.LoginAsync(username)).JsonAsync();
        Assert.Equal("new_device", challenge.Str("reason"));
        var code = await _server.CodeSentToAsync(email, before + 1);
        using var client = _server.Anonymous();
        var verified = await client.PostAsJsonAsync($"/v1/challenges/{challenge.Str("challengeId")}/verify", new { code, trustDevice = trust });
        Assert.Equal(HttpStatusCode.Created, verified.StatusCode);
        var json = await verified.JsonAsync();
        return (json.Str("sessionToken"), trust ? json.Str("deviceToken") : null);
    }

    private async Task<HttpResponseMessage> PressAsync(string token)
    {
        using var browser = _server.Anonymous();
        using var press = new HttpRequestMessage(HttpMethod.Post, "/links") { Content = new FormUrlEncodedContent([new("token", token)]) };
        press.Headers.Add("Sec-Fetch-Site", "same-origin");
        return await browser.SendAsync(press);
    }

    private async Task<HttpStatusCode> MeStatusAsync(string session)
    {
        using var client = _server.SignedIn(session);
        return (await client.GetAsync("/v1/me")).StatusCode;
    }

    [Fact]
    public async Task A_sign_in_from_a_new_device_alerts_every_verified_contact_with_the_device_the_time_and_a_link_but_sign_up_does_not()
    {
        var account = await _steps.SignUpAsync();
        await Task.Delay(300);
        Assert.DoesNotContain(await _server.WaitForMessagesAsync(account.Email, withAlerts: true), VerigateTestServer.IsNewSignInAlert);

        var signedInAt = _server.Time.GetUtcNow().UtcDateTime;
        await SignInWithCodeAsync(account.Username, account.Email);

        var alert = Assert.Single(await AlertsAsync(account.Email, 1));
        Assert.Equal("New sign-in to your Verigate account", alert.Subject);
        Assert.Contains($"on 'Firefox on Linux' at {signedInAt:yyyy-MM-dd HH:mm} UTC", alert.Body, StringComparison.Ordinal);
        Assert.Matches(LinkToken(), alert.Body);
        Assert.False(Regex.IsMatch(alert.Body, @"^\s{4}\d+$", RegexOptions.Multiline), alert.Body); // no code in an alert
    }

    [Fact]
    public async Task The_link_shows_a_button_and_only_the_button_secures_the_account()
    {
        var account = await _steps.SignUpAsync();
        var (session, deviceToken) = await SignInWithCodeAsync(account.Username, account.Email, trust: true);
        var token = LinkToken().Match((await AlertsAsync(account.Email, 1))[0].Body).Groups[1].Value;

        // A pending sign-in code, to see it canceled.
        var pending = await (await _steps.LoginAsync(account.Username)).JsonAsync();
        var pendingCode = await _server.CodeSentToAsync(account.Email, (await _server.WaitForMessagesAsync(account.Email)).Count);

        // A mail scanner fetching the link changes nothing.
        using (var scanner = _server.Anonymous())
        {
            var page = await scanner.GetAsync($"/links/{token}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("Secure my account", html, StringComparison.Ordinal);
            Assert.Contains("<form method=\"post\"", html, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(session));
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(account.SessionToken));

        var pressed = await PressAsync(token);
        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        Assert.Contains("Your account is secured", await pressed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Every session is signed out.
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(session));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(account.SessionToken));

        // The pending code no longer signs in.
        using (var anonymous = _server.Anonymous())
        {
            var late = await anonymous.PostAsJsonAsync($"/v1/challenges/{pending.Str("challengeId")}/verify", new { code = pendingCode });
            Assert.NotEqual(HttpStatusCode.Created, late.StatusCode);
        }

        // The old password fails exactly like a wrong one, even on the remembered device (which is forgotten anyway).
        var old = await (await _steps.LoginAsync(account.Username, deviceToken: deviceToken)).ProblemAsync(401, "invalid_credentials");
        var wrong = await (await _steps.LoginAsync(account.Username, "not the password at all")).ProblemAsync(401, "invalid_credentials");
        Assert.Equal(wrong.GetRawText(), old.GetRawText());

        // Single use.
        Assert.Equal(HttpStatusCode.NotFound, (await PressAsync(token)).StatusCode);
        await WaitForSubjectAsync(account.Email, "Your Verigate account was secured");

        // A reset sets a new password; the remembered device asks for a code again.
        var newPassword = "a brand new passphrase for me";
        using (var anonymous = _server.Anonymous())
        {
            var before = (await _server.WaitForMessagesAsync(account.Email)).Count;
            var reset = await (await anonymous.PostAsJsonAsync("/v1/password-resets", new { login = account.Username })).JsonAsync();
            var code = await _server.CodeSentToAsync(account.Email, before + 1);
            Assert.Equal(HttpStatusCode.NoContent,
                (await anonymous.PostAsJsonAsync($"/v1/password-resets/{reset.Str("challengeId")}/complete", new { code, newPassword })).StatusCode);
        }

        var again = await _steps.LoginAsync(account.Username, newPassword, deviceToken);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal("new_device", (await again.JsonAsync()).Str("reason"));
    }

    [Fact]
    public async Task With_a_second_factor_the_reset_after_securing_still_asks_for_it()
    {
        var account = await _steps.SignUpAsync();
        byte[] secret;
        using (var owner = _server.SignedIn(account.SessionToken))
        {
            secret = Base32Encoding.ToBytes((await (await owner.PostAsync("/v1/me/totp", null)).JsonAsync()).Str("secret"));
            Assert.Equal(HttpStatusCode.OK,
                (await owner.PostAsJsonAsync("/v1/me/totp/confirm", new { code = new Totp(secret).ComputeTotp(_server.Time.GetUtcNow().UtcDateTime) })).StatusCode);
        }

        // A sign-in with the password and the authenticator app: still a new device, still an alert.
        var challenge = await (await _steps.LoginAsync(account.Username)).JsonAsync();
        Assert.Equal("two_factor", challenge.Str("reason"));
        _server.Time.Advance(TimeSpan.FromSeconds(31));
        using (var anonymous = _server.Anonymous())
        {
            Assert.Equal(HttpStatusCode.Created, (await anonymous.PostAsJsonAsync($"/v1/challenges/{challenge.Str("challengeId")}/verify",
                new { totp = new Totp(secret).ComputeTotp(_server.Time.GetUtcNow().UtcDateTime) })).StatusCode);
        }

        var token = LinkToken().Match((await AlertsAsync(account.Email, 1))[0].Body).Groups[1].Value;
        Assert.Equal(HttpStatusCode.OK, (await PressAsync(token)).StatusCode);

        using var client = _server.Anonymous();
        var before = (await _server.WaitForMessagesAsync(account.Email)).Count;
        var reset = await (await client.PostAsJsonAsync("/v1/password-resets", new { login = account.Username })).JsonAsync();
        var code = await _server.CodeSentToAsync(account.Email, before + 1);
        const string newPassword = "another brand new passphrase";
        await (await client.PostAsJsonAsync($"/v1/password-resets/{reset.Str("challengeId")}/complete", new { code, newPassword }))
            .ProblemAsync(400, "second_factor_required");
        _server.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync($"/v1/password-resets/{reset.Str("challengeId")}/complete",
            new { code, newPassword, totp = new Totp(secret).ComputeTotp(_server.Time.GetUtcNow().UtcDateTime) })).StatusCode);

        var login = await _steps.LoginAsync(account.Username, newPassword);
        Assert.Equal("two_factor", (await login.JsonAsync()).Str("reason"));
    }

    [Fact]
    public async Task A_link_expires_after_seven_days_and_pressing_one_ends_the_others()
    {
        var account = await _steps.SignUpAsync();
        await SignInWithCodeAsync(account.Username, account.Email);
        await SignInWithCodeAsync(account.Username, account.Email);
        var alerts = await AlertsAsync(account.Email, 2);
        var first = LinkToken().Match(alerts[0].Body).Groups[1].Value;
        var second = LinkToken().Match(alerts[1].Body).Groups[1].Value;
        Assert.NotEqual(first, second);

        Assert.Equal(HttpStatusCode.OK, (await PressAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PressAsync(second)).StatusCode); // its work is done; it cannot redo it later

        var other = await _steps.SignUpAsync();
        await SignInWithCodeAsync(other.Username, other.Email);
        var token = LinkToken().Match((await AlertsAsync(other.Email, 1))[0].Body).Groups[1].Value;
        _server.Time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        using var scanner = _server.Anonymous();
        Assert.Equal(HttpStatusCode.NotFound, (await scanner.GetAsync($"/links/{token}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PressAsync(token)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await _steps.LoginAsync(other.Username)).StatusCode); // nothing happened: the password still works
    }

    [Theory]
    [InlineData("es-ES", "es", "Proteger mi cuenta", "Tu cuenta está protegida")]
    [InlineData("de", "de", "Mein Konto sichern", "Dein Konto ist gesichert")]
    public async Task The_secure_my_account_page_speaks_the_readers_language(string acceptLanguage, string lang, string button, string done)
    {
        var account = await _steps.SignUpAsync();
        await SignInWithCodeAsync(account.Username, account.Email);
        var token = LinkToken().Match((await AlertsAsync(account.Email, 1))[0].Body).Groups[1].Value;

        using var browser = _server.Anonymous();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        var html = await (await browser.GetAsync($"/links/{token}")).Content.ReadAsStringAsync();
        Assert.Contains($"<html lang=\"{lang}\"", html, StringComparison.Ordinal);
        Assert.Contains(button, html, StringComparison.Ordinal);

        using var press = new HttpRequestMessage(HttpMethod.Post, "/links") { Content = new FormUrlEncodedContent([new("token", token)]) };
        press.Headers.Add("Sec-Fetch-Site", "same-origin");
        var pressed = await browser.SendAsync(press);
        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        Assert.Contains(done, await pressed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
