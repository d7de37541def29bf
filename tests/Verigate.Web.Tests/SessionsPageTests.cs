using Microsoft.Playwright;
using Verigate.Server.Tests.Infrastructure;
using Verigate.Web.Tests.Infrastructure;

namespace Verigate.Web.Tests;

/// <summary>
/// "Sessions and devices" in the security center, in Chromium: another browser's session is listed and signed out
/// from here, a remembered device is forgotten, and "Sign out" ends the session on the server, not only in this browser.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SessionsPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private VerigateTestServer _server = null!;
    private Steps _steps = null!;

    public Task InitializeAsync()
    {
        _server = WebServer.Start();
        _steps = new Steps(browser, _server);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>Signs in on a second browser with the emailed code, remembering that device.</summary>
    private async Task<IPage> SecondBrowserAsync(string username, string email)
    {
        var before = (await _server.WaitForMessagesAsync(email)).Count;
        var other = await browser.NewPageAsync(_server.BaseUrl(), phone: true);
        await Steps.SignInAsync(other, username);
        await other.WaitForURLAsync("**/code");
        await other.FillAsync("#code", await _server.CodeSentToAsync(email, before + 1));
        await other.CheckAsync("input[name=remember]");
        await other.ClickAsync("button:has-text('Continue')");
        await other.WaitForURLAsync("**/account");
        return other;
    }

    [Fact]
    public async Task Another_browser_is_listed_forgotten_and_signed_out_from_the_security_center()
    {
        var (page, username, email) = await _steps.SignUpAsync();
        var other = await SecondBrowserAsync(username, email);

        await page.ClickAsync("text=Sessions and devices: sign out, forget a device");
        await page.WaitForURLAsync("**/account/sessions");
        Assert.Equal(2, await page.Locator("#session-list li").CountAsync());
        Assert.Equal(1, await page.Locator("#session-list li .tag:has-text('this device')").CountAsync());
        Assert.Contains("Chrome on Linux", await page.Locator("#session-list").InnerTextAsync(), StringComparison.Ordinal); // named from its User-Agent
        Assert.Equal(2, await page.Locator("#device-list li").CountAsync());
        Assert.Equal(1, await page.Locator("#device-list button:has-text('Forget this device')").CountAsync());
        Assert.Matches(@"Device ID: \d+", await page.Locator("#device-list").InnerTextAsync());
        await PageChecks.AccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "sessions");

        await page.ClickAsync("#device-list button:has-text('Forget this device')");
        Assert.StartsWith("Forgotten:", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#device-list button:has-text('Forget this device')").CountAsync());

        await page.ClickAsync("#revoke-others");
        Assert.Equal("Other sessions signed out: 1.", await page.Locator("[role=status]").InnerTextAsync());
        Assert.Equal(1, await page.Locator("#session-list li").CountAsync());
        await PageChecks.AccessibleAsync(page);

        // The other browser's cookie no longer opens anything: its session ended on the server.
        await other.GotoAsync("/account");
        Assert.DoesNotContain("/account", new Uri(other.Url).AbsolutePath, StringComparison.Ordinal);

        // And the device it remembered asks for the code again.
        await Steps.SignInAsync(other, username);
        await other.WaitForURLAsync("**/code");
    }

    [Fact]
    public async Task Sign_out_ends_the_session_on_the_server_so_a_copied_cookie_stops_working()
    {
        var (page, _, _) = await _steps.SignUpAsync();
        var cookies = await page.Context.CookiesAsync();

        // The same cookies in another browser (as a thief would use them), speaking German.
        var copy = await browser.NewPageAsync(_server.BaseUrl(), locale: "de-DE");
        await copy.Context.AddCookiesAsync(cookies.Select(c => new Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite, Expires = c.Expires,
        }));
        await copy.GotoAsync("/account/sessions");
        Assert.Equal("Sitzungen und Geräte", await copy.Locator("h1").InnerTextAsync());
        await PageChecks.AccessibleAsync(copy);

        await page.ClickAsync("header button:has-text('Sign out')");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");

        await copy.GotoAsync("/account/sessions");
        Assert.Equal("/", new Uri(copy.Url).AbsolutePath);
    }

    [Fact]
    public async Task The_page_cookie_ends_with_its_session_after_the_idle_timeout()
    {
        var (page, _, _) = await _steps.SignUpAsync();
        _server.Time.Advance(TimeSpan.FromDays(6)); // used within the idle timeout (7 days): still signed in
        await page.GotoAsync("/account/sessions");
        Assert.Equal("/account/sessions", new Uri(page.Url).AbsolutePath);

        _server.Time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1)); // unused for longer than that
        await page.GotoAsync("/account/sessions");
        Assert.Equal("/", new Uri(page.Url).AbsolutePath);
    }
}
