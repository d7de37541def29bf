using System.Globalization;
using OtpNet;
using Verigate.Server.Tests.Infrastructure;
using Verigate.Web.Tests.Infrastructure;

namespace Verigate.Web.Tests;

/// <summary>
/// Turning on the authenticator app from the security center by reading the key off the page (as a person types it
/// into an app) and computing codes with Otp.NET; then signing in with it, and with a recovery code.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AuthenticatorTests(BrowserFixture browser) : IAsyncLifetime
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

    [Fact]
    public async Task Enrolment_from_the_typed_key_then_sign_in_with_the_app_and_with_a_recovery_code()
    {
        var (page, username, _) = await _steps.SignUpAsync();
        await page.ClickAsync("text=Turn on the authenticator app");
        await PageChecks.AccessibleAsync(page);
        await page.ClickAsync("button:has-text('Set up the authenticator app')");

        var key = (await page.Locator("#totp-key").InnerTextAsync()).Replace(" ", string.Empty, StringComparison.Ordinal);
        Assert.Equal(32, key.Length);
        Assert.Equal(1, await page.Locator(".qr svg").CountAsync());
        await PageChecks.AccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "authenticator");
        var totp = new Totp(Base32Encoding.ToBytes(key));
        await page.FillAsync("#code", totp.ComputeTotp(_server.Time.GetUtcNow().UtcDateTime));
        await page.ClickAsync("button:has-text('Turn on')");

        var codes = await page.Locator("#recovery-codes code").AllInnerTextsAsync();
        Assert.Equal(10, codes.Count);
        Assert.True(await page.Locator("[data-download]").IsVisibleAsync()); // shown by the script
        await PageChecks.AccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "recovery-codes");
        await page.ClickAsync("text=I saved them");
        Assert.Contains("The authenticator app is on", await page.Locator("#totp-status").InnerTextAsync(), StringComparison.Ordinal);

        // A new device: the password, then the app's code (a later step: each step is accepted once).
        _server.Time.Advance(TimeSpan.FromSeconds(30));
        var other = await browser.NewPageAsync(_server.BaseUrl());
        await Steps.SignInAsync(other, username);
        await other.WaitForURLAsync("**/signin/second-factor");
        await PageChecks.AccessibleAsync(other);
        await PageChecks.ScreenshotAsync(other, "second-factor");
        await other.FillAsync("#code", totp.ComputeTotp(_server.Time.GetUtcNow().UtcDateTime));
        await other.ClickAsync("button:has-text('Continue')");
        await other.WaitForURLAsync("**/account");

        // Another device, with a recovery code instead.
        var third = await browser.NewPageAsync(_server.BaseUrl());
        await Steps.SignInAsync(third, username);
        await third.WaitForURLAsync("**/signin/second-factor");
        await third.ClickAsync("text=Use a recovery code instead");
        await PageChecks.AccessibleAsync(third);
        await third.FillAsync("#recovery", codes[0].ToLower(CultureInfo.InvariantCulture));
        await third.ClickAsync("button:has-text('Continue')");
        await third.WaitForURLAsync("**/account");
        Assert.Contains("Unused recovery codes: 9.", await third.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_app_code_at_sign_in_is_refused_with_tries_left()
    {
        var (page, username, _) = await _steps.SignUpAsync();
        await page.GotoAsync("/account/authenticator");
        await page.ClickAsync("button:has-text('Set up the authenticator app')");
        var key = (await page.Locator("#totp-key").InnerTextAsync()).Replace(" ", string.Empty, StringComparison.Ordinal);
        var right = new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(_server.Time.GetUtcNow().UtcDateTime);
        await page.FillAsync("#code", right);
        await page.ClickAsync("button:has-text('Turn on')");
        await page.WaitForSelectorAsync("#recovery-codes");

        var other = await browser.NewPageAsync(_server.BaseUrl());
        await Steps.SignInAsync(other, username);
        await other.WaitForURLAsync("**/signin/second-factor");
        await other.FillAsync("#code", right == "000000" ? "111111" : "000000");
        await other.ClickAsync("button:has-text('Continue')");

        Assert.Contains("Tries left:", await other.Locator("[role=alert]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.EndsWith("/signin/second-factor", other.Url, StringComparison.Ordinal);
    }
}
