using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Verigate.Core.Staff;
using Verigate.Server.Tests.Infrastructure;
using Verigate.Web.Tests.Infrastructure;

namespace Verigate.Web.Tests;

/// <summary>
/// The console's delivery health, audit log, API-key and staff pages in Chromium, with axe checks and the screenshots of
/// docs/console.md. The health page is seeded through the Verify API and the development inbox: a week in which
/// German numbers converted 9 in 10, then a day in which they convert 1 in 4.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleHealthAuditAdminPagesTests(BrowserFixture browser) : IAsyncLifetime
{
    private VerigateTestServer _server = null!;
    private ConsolePageSteps _console = null!;
    private int _next;

    public Task InitializeAsync()
    {
        _server = WebServer.Start();
        _console = new ConsolePageSteps(browser, _server);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task SendAsync(HttpClient api, string to, string channel, bool check)
    {
        var started = await api.PostAsJsonAsync("/v1/verifications", new { to, channel });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var id = (await started.JsonAsync()).Str("id");
        var code = await _server.CodeSentToAsync(to);
        if (check)
        {
            Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync($"/v1/verifications/{id}/check", new { code })).StatusCode);
        }
    }

    private string Phone(string stem) => stem + (_next++).ToString("D4", CultureInfo.InvariantCulture);

    private async Task SeedAsync()
    {
        using var api = _server.Integrator();
        for (var i = 0; i < 20; i++)
        {
            await SendAsync(api, Phone("+491512345"), "sms", check: i % 10 != 0);
        }

        _server.Time.Advance(TimeSpan.FromDays(2));
        for (var i = 0; i < 20; i++)
        {
            await SendAsync(api, Phone("+491512345"), "sms", check: i % 4 == 0);
        }

        for (var i = 0; i < 6; i++)
        {
            await SendAsync(api, Phone("+3361234"), "sms", check: i % 2 == 0);
        }

        await SendAsync(api, "ann@gmail.com", "email", check: true);
        await SendAsync(api, "bob@gmail.com", "email", check: true);
        await SendAsync(api, "cy@outlook.com", "email", check: false);
        await SendAsync(api, "dee@example.org", "email", check: true);

        // Two people sign up: account events for the audit log (Verify API events belong to no account; admins see those).
        foreach (var username in new[] { "ann.lee", "bo.chen" })
        {
            using var anonymous = _server.Anonymous();
            var created = await anonymous.PostAsJsonAsync("/v1/accounts", new { username, password = "correct horse battery staple", email = username + "@example.com" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var code = await _server.CodeSentToAsync(username + "@example.com");
            Assert.Equal(HttpStatusCode.Created, (await anonymous.PostAsJsonAsync($"/v1/challenges/{(await created.JsonAsync()).Str("challengeId")}/verify", new { code })).StatusCode);
        }
    }

    [Fact]
    public async Task An_agent_reads_delivery_health_with_the_falling_country_flagged_and_the_audit_log_and_an_admin_creates_an_api_key()
    {
        await SeedAsync();

        var (page, _) = await _console.SignedInAsync(StaffRole.Agent);
        await page.ClickAsync("nav.console-nav a[href='/console/delivery-health']");
        await page.WaitForURLAsync("**/console/delivery-health");
        var flags = await page.Locator("section[aria-labelledby=flags]").InnerTextAsync();
        Assert.Contains("sms to DE (+49): 25% of 20 codes checked, against 90% of 20 in the week before.", flags, StringComparison.Ordinal);
        Assert.Equal(2, await page.Locator("svg.chart[role=img]").CountAsync());
        Assert.Contains("falling", await page.Locator("tr[data-group='sms/dev_inbox/DE']").InnerTextAsync(), StringComparison.Ordinal);
        var main = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotContain("+491512345", main, StringComparison.Ordinal);
        Assert.DoesNotContain("ann@gmail.com", main, StringComparison.Ordinal);
        await PageChecks.AccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "console-delivery-health");

        await page.ClickAsync("nav.windows a:has-text('Last week')");
        await page.WaitForURLAsync("**window=week");
        Assert.Equal("page", await page.Locator("nav.windows a:has-text('Last week')").GetAttributeAsync("aria-current"));
        await PageChecks.AccessibleAsync(page);

        await page.ClickAsync("nav.console-nav a[href='/console/audit']");
        await page.WaitForURLAsync("**/console/audit");
        Assert.True(await page.Locator("table.audit tbody tr").CountAsync() >= 6);
        await page.SelectOptionAsync("#type", "account.created");
        await page.ClickAsync("button[type=submit]:has-text('Show')");
        await page.WaitForURLAsync("**type=account.created**");
        Assert.Equal(2, await page.Locator("table.audit tbody tr").CountAsync());
        await PageChecks.AccessibleAsync(page);
        await page.GotoAsync("/console/audit");
        await PageChecks.ScreenshotAsync(page, "console-audit-log");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("a:has-text('Download CSV')"));
        Assert.Equal("audit-log.csv", download.SuggestedFilename);

        var (phone, _) = await _console.SignedInAsync(StaffRole.Agent, phone: true);
        await phone.GotoAsync("/console/delivery-health");
        await PageChecks.AccessibleAsync(phone);
        await PageChecks.ScreenshotAsync(phone, "console-delivery-health");

        var (admin, _) = await _console.SignedInAsync(StaffRole.Admin);
        await admin.ClickAsync("nav.console-nav a[href='/console/admin/api-keys']");
        await admin.WaitForURLAsync("**/console/admin/api-keys");
        await admin.FillAsync("#key-name", "shop-backend");
        await admin.ClickAsync("button:has-text('Create key')");
        var secret = await admin.Locator("#new-key").InnerTextAsync();
        Assert.StartsWith("vgk_", secret, StringComparison.Ordinal);
        await PageChecks.AccessibleAsync(admin);
        await PageChecks.ScreenshotAsync(admin, "console-api-keys");
        await admin.ClickAsync("button[aria-label='Revoke key shop-backend']");
        Assert.Contains("revoked", await admin.Locator("p.notice").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await admin.Locator("#new-key").CountAsync());
        await PageChecks.AccessibleAsync(admin);

        // Staff: add a member, then give them a new setup link (a lost phone), each shown once.
        await admin.ClickAsync("nav.console-nav a[href='/console/admin/staff']");
        await admin.WaitForURLAsync("**/console/admin/staff");
        await admin.FillAsync("#staff-name", "bea.night");
        await admin.ClickAsync("button:has-text('Create and get the setup link')");
        var first = await admin.Locator("#setup-link").InnerTextAsync();
        await admin.ClickAsync("button[aria-label='New setup link for bea.night']");
        Assert.Equal("New setup link for bea.night", await admin.Locator("#created").InnerTextAsync());
        var renewed = await admin.Locator("#setup-link").InnerTextAsync();
        Assert.Contains("/console/setup/vgs_", renewed, StringComparison.Ordinal);
        Assert.NotEqual(first, renewed);
        await PageChecks.AccessibleAsync(admin);
        await PageChecks.ScreenshotAsync(admin, "console-staff");
        PageChecks.NoConsoleErrors(page);
        PageChecks.NoConsoleErrors(admin);
    }
}
