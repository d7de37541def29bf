using System.Net;
using Verigate.Core.Audit;
using Verigate.Core.Staff;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests.Console;

/// <summary>
/// Finding an account, the account view and verifying the caller, over HTTP: exact matches on every identifier, the
/// banner, masked contacts, no secret anywhere in the page, the PIN check and how long it holds.
/// </summary>
public sealed class ConsoleAccountTests : IAsyncLifetime
{
    private VerigateTestServer _server = null!;
    private ConsoleSteps _console = null!;
    private AccountSteps _accounts = null!;

    public Task InitializeAsync()
    {
        _server = new VerigateTestServer(VerigateTestServer.Relaxed(new Dictionary<string, string?> { ["RateLimits:LoginsPerAccount:Count"] = "1000" }));
        _console = new ConsoleSteps(_server);
        _accounts = new AccountSteps(_server);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string? CodeOrNull(InboxMessage message)
    {
        try
        {
            return VerigateTestServer.CodeOf(message);
        }
        catch (InvalidOperationException)
        {
            return null; // a notice: it carries no code
        }
    }

    private static string Phone() => "+49151" + Random.Shared.Next(10000000, 99999999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_account_is_found_by_username_user_id_email_phone_and_device_id_exactly_and_an_unknown_one_is_not()
    {
        var phone = Phone();
        var person = await _accounts.SignUpAsync(phone: phone);
        using var me = _server.SignedIn(person.SessionToken);
        var deviceId = (await (await me.GetAsync("/v1/me/devices")).JsonAsync()).EnumerateArray().First().Str("deviceId");
        var (agent, _) = await _console.SignedInAsync(StaffRole.Agent);
        using (agent)
        {
            var spaced = phone[..3] + " " + phone[3..6] + " " + phone[6..];
            foreach (var query in new[] { person.Username, person.UserId, person.Email.ToUpperInvariant(), spaced, deviceId! })
            {
                var found = await agent.GetAsync("/console/accounts?q=" + Uri.EscapeDataString(query));
                Assert.Equal(HttpStatusCode.Redirect, found.StatusCode);
                Assert.Equal("/console/accounts/" + person.UserId, found.Headers.Location?.OriginalString);
            }

            foreach (var query in new[] { person.Username[..^1], "nobody@example.com", "+4915100000000", "12345" })
            {
                var missing = await agent.GetAsync("/console/accounts?q=" + Uri.EscapeDataString(query));
                Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
                Assert.Contains("No account matches exactly", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync("/console/accounts/123456789")).StatusCode);
        }
    }

    [Fact]
    public async Task The_account_view_shows_the_banner_masked_contacts_factors_sessions_and_codes_but_no_secret()
    {
        var phone = Phone();
        var person = await _accounts.SignUpAsync(phone: phone);
        var signUpCode = await _server.CodeSentToAsync(person.Email);
        var login = await _accounts.LoginAsync(person.Username);
        Assert.Equal(HttpStatusCode.Accepted, login.StatusCode);
        var loginCode = await _server.CodeSentToAsync(person.Email, 2);
        using var me = _server.SignedIn(person.SessionToken);
        var pin = (await (await me.PostAsync("/v1/me/support-pin", null)).JsonAsync()).Str("pin");
        var (agent, staff) = await _console.SignedInAsync(StaffRole.Agent);
        using (agent)
        {
            var response = await agent.GetAsync("/console/accounts/" + person.UserId);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Contains("Never ask for a code. Verify the caller with their support PIN.", html, StringComparison.Ordinal);
            Assert.Contains(person.Username, html, StringComparison.Ordinal);
            Assert.Contains("Authenticator app: off", html, StringComparison.Ordinal);
            Assert.Contains("Sign-in on a new device", html, StringComparison.Ordinal);
            Assert.Contains("Not verified", html, StringComparison.Ordinal);
            ConsoleSecrets.AssertNone(html, person.Email, phone, person.SessionToken, signUpCode, loginCode, pin, "pbkdf2", ConsoleSteps.Password);
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }

        var viewed = await _console.AuditAsync(AuditEventTypes.SupportAccountViewed);
        Assert.Equal(("staff:" + staff.Name, long.Parse(person.UserId, System.Globalization.CultureInfo.InvariantCulture)), (viewed[^1].Actor, viewed[^1].UserId!.Value));
    }

    [Fact]
    public async Task The_support_pin_verifies_the_caller_for_this_agent_for_15_minutes_once_and_a_wrong_pin_does_not()
    {
        var person = await _accounts.SignUpAsync();
        using var me = _server.SignedIn(person.SessionToken);
        var pin = (await (await me.PostAsync("/v1/me/support-pin", null)).JsonAsync()).Str("pin");
        var path = "/console/accounts/" + person.UserId;
        var (agent, staff) = await _console.SignedInAsync(StaffRole.Agent);
        var (other, _) = await _console.SignedInAsync(StaffRole.Agent);
        using (agent)
        using (other)
        {
            var wrong = await ConsoleSteps.PostFormAsync(agent, path, new() { ["pin"] = pin == "000000" ? "111111" : "000000" }, action: path + "?handler=Verify");
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Contains("That PIN does not match", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()), StringComparison.Ordinal);

            var right = await ConsoleSteps.PostFormAsync(agent, path, new() { ["pin"] = pin }, action: path + "?handler=Verify");
            Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
            var html = await agent.GetStringAsync(path);
            Assert.Contains("This call is verified until", html, StringComparison.Ordinal);
            Assert.DoesNotContain(pin, html, StringComparison.Ordinal);
            Assert.Contains("Not verified", await other.GetStringAsync(path), StringComparison.Ordinal); // tied to the agent

            var again = await ConsoleSteps.PostFormAsync(other, path, new() { ["pin"] = pin }, action: path + "?handler=Verify");
            Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode); // single use

            _server.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
            Assert.Contains("Not verified", await agent.GetStringAsync(path), StringComparison.Ordinal);
        }

        var verified = Assert.Single(await _console.AuditAsync(AuditEventTypes.SupportCallerVerified));
        Assert.Equal("staff:" + staff.Name, verified.Actor);
        var checks = await _console.AuditAsync(AuditEventTypes.SupportPinChecked);
        Assert.Equal(["result=no_match", "result=match", "result=no_match"], checks.Select(c => c.Detail));
    }

    [Fact]
    public async Task No_console_page_contains_a_code_a_pin_a_secret_a_token_or_a_full_address_even_after_actions()
    {
        var phone = Phone();
        var person = await _accounts.SignUpAsync(phone: phone);
        using var me = _server.SignedIn(person.SessionToken);
        var pin = (await (await me.PostAsync("/v1/me/support-pin", null)).JsonAsync()).Str("pin");
        var (agent, staff) = await _console.SignedInAsync(StaffRole.Agent);
        using (agent)
        {
            var path = "/console/accounts/" + person.UserId;
            Assert.Equal(HttpStatusCode.Redirect, (await ConsoleSteps.PostFormAsync(agent, path, new() { ["pin"] = pin }, action: path + "?handler=Verify")).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await ConsoleSteps.PostFormAsync(agent, path,
                new() { ["action"] = "password_reset", ["reason"] = "Caller forgot the password" }, action: path + "?handler=Act")).StatusCode);
            var messages = await _server.WaitForMessagesAsync(person.Email, 3);
            var codes = messages.Select(CodeOrNull).OfType<string>().ToList();
            Assert.NotEmpty(codes);
            var secrets = new List<string> { person.Email, phone, phone[1..], person.SessionToken, pin, "pbkdf2", ConsoleSteps.Password, OtpNet.Base32Encoding.ToString(staff.Secret), "vgc_", "vgs_" };

            foreach (var page in new[] { "/console", "/console/accounts", "/console/accounts?q=" + person.Username, path, path + "?done=password_reset" })
            {
                var response = await agent.GetAsync(page);
                var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
                ConsoleSecrets.AssertNone(html, [.. secrets]);
                foreach (var code in codes)
                {
                    // As a number of its own: a code's digits may occur by chance inside a long id.
                    Assert.DoesNotMatch($"(?<![0-9]){code}(?![0-9])", html);
                }
            }
        }
    }
}

/// <summary>What no console page may contain.</summary>
public static class ConsoleSecrets
{
    public static void AssertNone(string html, params string[] secrets)
    {
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, html, StringComparison.OrdinalIgnoreCase);
        }
    }
}
