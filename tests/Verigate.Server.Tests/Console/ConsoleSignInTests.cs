using System.Net;
using Verigate.Core.Audit;
using Verigate.Core.Staff;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests.Console;

/// <summary>
/// Staff setup and console sign-in over HTTP: the setup link (single use, 24 h), password plus authenticator code,
/// refusals that all read the same, throttling, disabled staff, idle and absolute timeouts on the fake clock,
/// sign-out, and the audit trail of each.
/// </summary>
public sealed class ConsoleSignInTests : IAsyncLifetime
{
    private VerigateTestServer _server = null!;
    private ConsoleSteps _console = null!;

    public Task InitializeAsync()
    {
        _server = new VerigateTestServer(VerigateTestServer.Relaxed(new Dictionary<string, string?> { ["RateLimits:LoginsPerAccount:Count"] = "1000" }));
        _console = new ConsoleSteps(_server);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_staff_member_set_up_through_the_link_signs_in_with_password_and_authenticator_code_and_sees_the_console()
    {
        var (client, login) = await _console.SignedInAsync(StaffRole.Agent);
        using (client)
        {
            var home = await client.GetAsync("/console");
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            var html = await home.Content.ReadAsStringAsync();
            Assert.Contains(login.Name, html, StringComparison.Ordinal);
            Assert.Contains("Never ask for a code. Verify the caller with their support PIN.", html, StringComparison.Ordinal);
            Assert.DoesNotContain("/console/admin/staff", html, StringComparison.Ordinal); // an agent is not shown the admin pages
        }

        var audit = await _console.AuditAsync(AuditEventTypes.StaffCreated, AuditEventTypes.StaffSetUp, AuditEventTypes.StaffSignedIn);
        Assert.Equal([AuditEventTypes.StaffCreated, AuditEventTypes.StaffSetUp, AuditEventTypes.StaffSignedIn], audit.Select(a => a.Type));
        Assert.Equal(["tests", "staff:" + login.Name, "staff:" + login.Name], audit.Select(a => a.Actor));
    }

    [Fact]
    public async Task An_admin_sees_the_admin_pages_in_the_navigation()
    {
        var (client, _) = await _console.SignedInAsync(StaffRole.Admin);
        using (client)
        {
            var html = await client.GetStringAsync("/console");
            Assert.Contains("/console/admin/staff", html, StringComparison.Ordinal);
            Assert.Contains("/console/admin/api-keys", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Wrong_password_wrong_code_unknown_name_and_disabled_staff_all_get_the_same_refusal_and_are_audited()
    {
        var login = await _console.CreateSetUpAsync(StaffRole.Agent);
        var disabled = await _console.CreateSetUpAsync(StaffRole.Agent);
        var directory = _server.Services.GetService(typeof(StaffDirectory)) as StaffDirectory;
        Assert.True((await directory!.DisableAsync(disabled.Name, "tests", CancellationToken.None)).IsSuccess);
        using var client = _console.NewClient();

        var answers = new[]
        {
            await _console.SignInAsync(client, login, password: "not the password at all"),
            await _console.SignInAsync(client, login, code: "000000" == _console.CodeFor(login.Secret) ? "111111" : "000000"),
            await _console.SignInAsync(client, login with { Name = "nobody-by-this-name" }),
            await _console.SignInAsync(client, disabled),
        };

        foreach (var answer in answers)
        {
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            var html = await answer.Content.ReadAsStringAsync();
            Assert.Contains("The name, password or authenticator code did not match.", html, StringComparison.Ordinal);
            Assert.Null(answer.Headers.Location);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/console")).StatusCode);
        var failures = await _console.AuditAsync(AuditEventTypes.StaffSignInFailed);
        Assert.Equal(
            ["staff:" + login.Name, "staff:" + login.Name, "staff:nobody-by-this-name", "staff:" + disabled.Name],
            failures.Select(f => f.Actor));
        Assert.StartsWith("reason=password", failures[0].Detail, StringComparison.Ordinal);
        Assert.StartsWith("reason=code", failures[1].Detail, StringComparison.Ordinal);
        Assert.StartsWith("reason=unknown", failures[2].Detail, StringComparison.Ordinal);
        Assert.StartsWith("reason=not_active", failures[3].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consecutive_failures_pause_sign_in_for_that_name_even_with_the_right_credentials()
    {
        await using var server = new VerigateTestServer(VerigateTestServer.Relaxed(new Dictionary<string, string?> { ["RateLimits:CheckFailuresBeforeLock"] = "3" }));
        var steps = new ConsoleSteps(server);
        var login = await steps.CreateSetUpAsync(StaffRole.Agent);
        using var client = steps.NewClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await steps.SignInAsync(client, login, password: "wrong password " + i)).StatusCode);
        }

        var right = await steps.SignInAsync(client, login);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Contains("Too many tries", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("reason=locked", (await steps.AuditAsync(AuditEventTypes.StaffSignInFailed))[^1].Detail);
    }

    [Fact]
    public async Task An_authenticator_code_signs_in_once()
    {
        var login = await _console.CreateSetUpAsync(StaffRole.Agent);
        using var first = _console.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await _console.SignInAsync(first, login)).StatusCode);
        var code = _console.CodeFor(login.Secret);
        using var second = _console.NewClient();
        var replay = await ConsoleSteps.PostFormAsync(second, "/console/sign-in", new() { ["name"] = login.Name, ["password"] = login.Password, ["code"] = code });
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
    }

    [Fact]
    public async Task The_setup_link_works_once_and_not_after_24_hours()
    {
        var (_, setupPath) = await _console.CreateAsync(StaffRole.Agent);
        using var client = _console.NewClient();
        _server.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        var expired = await client.GetAsync(setupPath);
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        Assert.DoesNotContain("totp-key", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var login = await _console.CreateSetUpAsync(StaffRole.Agent);
        Assert.NotNull(login);
        var (_, usedPath) = await _console.CreateAsync(StaffRole.Agent);
        var page = await client.GetStringAsync(usedPath);
        var secret = OtpNet.Base32Encoding.ToBytes(ConsoleSteps.KeyOf(page));
        Assert.Equal(ConsoleSteps.KeyOf(page), ConsoleSteps.KeyOf(await client.GetStringAsync(usedPath))); // a reload shows the same key
        Assert.Equal(HttpStatusCode.OK, (await ConsoleSteps.PostFormAsync(client, usedPath, new() { ["password"] = ConsoleSteps.Password, ["code"] = _console.CodeFor(secret) }, page)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(usedPath)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/console/setup/vgs_made-up-token")).StatusCode);
    }

    [Fact]
    public async Task Setup_refuses_a_weak_password_and_a_wrong_code_and_keeps_the_same_key()
    {
        var (name, setupPath) = await _console.CreateAsync(StaffRole.Agent);
        using var client = _console.NewClient();
        var page = await client.GetStringAsync(setupPath);
        var key = ConsoleSteps.KeyOf(page);
        var weak = await ConsoleSteps.PostFormAsync(client, setupPath, new() { ["password"] = name, ["code"] = _console.CodeFor(OtpNet.Base32Encoding.ToBytes(key)) }, page);
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        var weakHtml = await weak.Content.ReadAsStringAsync();
        Assert.Contains("Choose another password", weakHtml, StringComparison.Ordinal);
        Assert.Equal(key, ConsoleSteps.KeyOf(weakHtml));
        var wrong = await ConsoleSteps.PostFormAsync(client, setupPath, new() { ["password"] = ConsoleSteps.Password, ["code"] = "12345" }, page);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Empty(await _console.AuditAsync(AuditEventTypes.StaffSetUp));
    }

    [Fact]
    public async Task A_console_session_ends_after_30_idle_minutes()
    {
        var (client, _) = await _console.SignedInAsync(StaffRole.Agent);
        using (client)
        {
            _server.Time.Advance(TimeSpan.FromMinutes(29));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/console")).StatusCode);
            _server.Time.Advance(TimeSpan.FromMinutes(29));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/console")).StatusCode);
            _server.Time.Advance(TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(1));
            var ended = await client.GetAsync("/console");
            Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
            Assert.Equal("/console/sign-in", ended.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task A_busy_console_session_still_ends_12_hours_after_sign_in()
    {
        var (client, _) = await _console.SignedInAsync(StaffRole.Agent);
        using (client)
        {
            for (var i = 0; i < 35; i++)
            {
                _server.Time.Advance(TimeSpan.FromMinutes(20));
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/console")).StatusCode);
            }

            _server.Time.Advance(TimeSpan.FromMinutes(20) + TimeSpan.FromSeconds(1));
            Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/console")).StatusCode);
        }
    }

    [Fact]
    public async Task The_timeouts_are_configurable()
    {
        await using var server = new VerigateTestServer(VerigateTestServer.Relaxed(new Dictionary<string, string?>
        {
            ["Console:IdleTimeout"] = "00:05:00",
            ["Console:AbsoluteTimeout"] = "01:00:00",
        }));
        var steps = new ConsoleSteps(server);
        var (client, _) = await steps.SignedInAsync(StaffRole.Agent);
        using (client)
        {
            server.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
            Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/console")).StatusCode);
        }
    }

    [Fact]
    public async Task Signing_out_ends_the_session_on_the_server_and_is_audited()
    {
        var (client, login) = await _console.SignedInAsync(StaffRole.Agent);
        using (client)
        {
            var cookie = _console.NewClient();
            var home = await client.GetStringAsync("/console");
            var signedOut = await ConsoleSteps.PostFormAsync(client, "/console", [], home, "/console/sign-out");
            Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/console")).StatusCode);
            cookie.Dispose();
        }

        var audit = await _console.AuditAsync(AuditEventTypes.StaffSignedOut);
        Assert.Equal("staff:" + login.Name, Assert.Single(audit).Actor);
    }

    [Fact]
    public async Task A_replayed_cookie_of_a_signed_out_or_disabled_staff_member_opens_nothing()
    {
        var login = await _console.CreateSetUpAsync(StaffRole.Agent);
        var cookie = await _console.SignInCookieAsync(login);
        using var replay = _console.WithCookie(cookie);
        Assert.Equal(HttpStatusCode.OK, (await replay.GetAsync("/console")).StatusCode);
        var directory = (StaffDirectory)_server.Services.GetService(typeof(StaffDirectory))!;
        Assert.True((await directory.DisableAsync(login.Name, "tests", CancellationToken.None)).IsSuccess);
        Assert.Equal(HttpStatusCode.Redirect, (await replay.GetAsync("/console")).StatusCode);

        var other = await _console.CreateSetUpAsync(StaffRole.Agent);
        var otherCookie = await _console.SignInCookieAsync(other);
        using var signedOut = _console.WithCookie(otherCookie);
        var home = await signedOut.GetStringAsync("/console");
        Assert.Equal(HttpStatusCode.Redirect, (await ConsoleSteps.PostFormAsync(signedOut, "/console", [], home, "/console/sign-out")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await signedOut.GetAsync("/console")).StatusCode);
    }

    [Fact]
    public async Task A_persons_session_never_reaches_the_console_and_a_staff_session_never_reaches_the_account_pages_or_api()
    {
        var accounts = new AccountSteps(_server);
        var person = await accounts.SignUpAsync();
        using var personClient = _console.WithCookie("vg_session=" + person.SessionToken);
        Assert.Equal(HttpStatusCode.OK, (await personClient.GetAsync("/account")).StatusCode); // the cookie is a working person's session
        var refused = await personClient.GetAsync("/console");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/console/sign-in", refused.Headers.Location?.OriginalString);

        var cookie = await _console.SignInCookieAsync(await _console.CreateSetUpAsync(StaffRole.Admin));
        using var staff = _console.WithCookie(cookie);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/console")).StatusCode);
        var account = await staff.GetAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, account.StatusCode);
        Assert.Equal("/", account.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await staff.GetAsync("/v1/me")).StatusCode);
        using var bearer = _server.SignedIn(cookie.Split('=', 2)[1]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/v1/me")).StatusCode);
        using var asPersonCookie = _console.WithCookie("vg_session=" + cookie.Split('=', 2)[1]);
        Assert.Equal(HttpStatusCode.Redirect, (await asPersonCookie.GetAsync("/account")).StatusCode);
    }
}
