using Microsoft.Playwright;
using System.Text.RegularExpressions;
using Verigate.Server.Tests.Infrastructure;
using Verigate.Web.Tests.Infrastructure;

namespace Verigate.Web.Tests;

/// <summary>
/// The security center's recent activity and support PIN, and the "secure my account" page behind a new-sign-in
/// alert, in Chromium with axe checks.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SecurityAlertPagesTests(BrowserFixture browser) : IAsyncLifetime
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

    [GeneratedRegex(@"/links/(vgl_[A-Za-z0-9_-]{43})")]
    private static partial Regex LinkToken();

    [GeneratedRegex(@"/report/([A-Za-z0-9_-]+)")]
    private static partial Regex ReportLink();

    private async Task<InboxMessage> AlertAsync(string email)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if ((await _server.WaitForMessagesAsync(email, withAlerts: true)).FirstOrDefault(VerigateTestServer.IsNewSignInAlert) is { } alert)
            {
                return alert;
            }

            Assert.True(DateTime.UtcNow < deadline, "No new-sign-in alert.");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Recent_activity_and_a_support_pin_in_the_security_center_then_secure_my_account_from_the_alert()
    {
        var (first, username, email) = await _steps.SignUpAsync();

        // A second device signs in with a code: the activity shows it, and an alert goes out.
        var second = await browser.NewPageAsync(_server.BaseUrl());
        await Steps.SignInAsync(second, username);
        await second.WaitForURLAsync("**/code");
        await second.FillAsync("#code", await _server.CodeSentToAsync(email, 2));
        await second.ClickAsync("button:has-text('Continue')");
        await second.WaitForURLAsync("**/account");
        var card = await second.Locator("section[aria-labelledby=activity-title]").InnerTextAsync();
        Assert.Contains("Someone signed in to your account.", card, StringComparison.Ordinal);
        await PageChecks.AccessibleAsync(second);

        await second.ClickAsync("text=See all activity");
        await second.WaitForURLAsync("**/account/activity");
        Assert.Contains("Your account was created.", await second.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.AccessibleAsync(second);
        await PageChecks.ScreenshotAsync(second, "activity");

        await second.GotoAsync("/account");
        await second.ClickAsync("button:has-text('Make a support PIN')");
        await second.WaitForURLAsync("**/account/support-pin");
        Assert.Matches(@"^\d{6}$", await second.Locator("#support-pin").InnerTextAsync());
        Assert.Matches(@"Valid until \d\d:\d\d UTC\.", await second.Locator("#pin-expiry").InnerTextAsync());
        await PageChecks.AccessibleAsync(second);
        await PageChecks.ScreenshotAsync(second, "support-pin");

        // The alert's link: the page changes nothing until its button is pressed.
        var alert = await AlertAsync(email);
        Assert.Contains(" UTC.", alert.Body, StringComparison.Ordinal);
        var token = LinkToken().Match(alert.Body).Groups[1].Value;
        var owner = await browser.NewPageAsync(_server.BaseUrl());
        await owner.GotoAsync($"/links/{token}");
        Assert.Contains("Secure your account", await owner.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.AccessibleAsync(owner, console: false);
        await PageChecks.ScreenshotAsync(owner, "secure-account");
        await first.GotoAsync("/account");
        await first.WaitForURLAsync("**/account"); // still signed in after the GET

        await owner.ClickAsync("button:has-text('Secure my account')");
        Assert.Contains("Your account is secured", await owner.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.AccessibleAsync(owner, console: false);

        // Both devices are signed out, and the old password no longer works.
        await first.GotoAsync("/account");
        Assert.DoesNotContain("/account", new Uri(first.Url).AbsolutePath, StringComparison.Ordinal);
        await second.GotoAsync("/account");
        Assert.DoesNotContain("/account", new Uri(second.Url).AbsolutePath, StringComparison.Ordinal);
        await Steps.SignInAsync(second, username);
        Assert.False(string.IsNullOrWhiteSpace(await second.Locator("[role=alert]").InnerTextAsync()));
    }

    [Fact]
    public async Task The_activity_and_support_pin_pages_speak_spanish_and_german()
    {
        var (page, _, _) = await _steps.SignUpAsync();
        foreach (var (language, title, pin) in new[] { ("es", "Actividad reciente", "PIN de soporte"), ("de", "Letzte Aktivitäten", "Support-PIN") })
        {
            await page.GotoAsync("/account/activity");
            await page.SelectOptionAsync("#language-choice", language);
            await page.ClickAsync("footer button");
            await page.WaitForURLAsync("**/account/activity");
            Assert.Equal(title, await page.Locator("h1").InnerTextAsync());
            await PageChecks.AccessibleAsync(page);
            await page.GotoAsync("/account/support-pin");
            Assert.Equal(pin, await page.Locator("h1").InnerTextAsync());
            await PageChecks.AccessibleAsync(page);
        }
    }

    [Fact]
    public async Task The_report_link_of_a_code_message_cancels_the_code_only_from_its_button()
    {
        var (_, username, email) = await _steps.SignUpAsync();
        var second = await browser.NewPageAsync(_server.BaseUrl());
        await Steps.SignInAsync(second, username);
        await second.WaitForURLAsync("**/code");
        var message = (await _server.WaitForMessagesAsync(email, 2))[0];

        var owner = await browser.NewPageAsync(_server.BaseUrl());
        await owner.GotoAsync(ReportLink().Match(message.Body).Value);
        Assert.Equal("Didn't request a code?", await owner.Locator("h1").InnerTextAsync());
        await PageChecks.AccessibleAsync(owner, console: false);
        await PageChecks.ScreenshotAsync(owner, "report-code");

        await owner.ClickAsync("button:has-text('Cancel this code')");
        Assert.Equal("Code canceled", await owner.Locator("h1").InnerTextAsync());
        await PageChecks.AccessibleAsync(owner, console: false);

        // The code the message carried no longer signs the other device in.
        await second.FillAsync("#code", VerigateTestServer.CodeOf(message));
        await second.ClickAsync("button:has-text('Continue')");
        await Assertions.Expect(second.Locator("[role=alert]")).ToContainTextAsync("This code has expired or was already used.");
        Assert.DoesNotContain("/account", new Uri(second.Url).AbsolutePath, StringComparison.Ordinal);
    }
}
