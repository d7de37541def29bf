using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Verigate.Server.Tests.Infrastructure;
using Verigate.Web.Tests.Infrastructure;

namespace Verigate.Web.Tests;

/// <summary>Sign-up with its code, then sign-in on a new device with a code, and "remember this device", in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SignUpAndSignInTests(BrowserFixture browser) : IAsyncLifetime
{
    private VerigateTestServer _server = null!;

    public Task InitializeAsync()
    {
        _server = WebServer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Sign_up_with_the_emailed_code_typed_with_a_space_lands_in_the_security_center()
    {
        var page = await browser.NewPageAsync(_server.BaseUrl());
        var (username, email) = (Names.Username(), Names.Email());

        await page.GotoAsync("/");
        await PageChecks.AccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "signin");
        await page.ClickAsync("text=Create an account");
        await PageChecks.AccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "signup");
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", Names.Password);
        await page.FillAsync("#email", email);
        await page.ClickAsync("button[type=submit]:has-text('Create account')");

        await page.WaitForURLAsync("**/code");
        Assert.DoesNotContain("VE", page.Url, StringComparison.Ordinal); // no challenge id in the URL
        var input = page.Locator("#code");
        Assert.Equal("one-time-code", await input.GetAttributeAsync("autocomplete"));
        Assert.Equal("numeric", await input.GetAttributeAsync("inputmode"));
        var masked = await page.Locator(".destination").InnerTextAsync();
        Assert.Contains("•••", masked, StringComparison.Ordinal);
        Assert.DoesNotContain(email, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Matches(@"^in \d+:\d\d$", await page.Locator("[data-countdown]").InnerTextAsync()); // the live countdown runs
        Assert.True(await page.Locator("[data-wait-until]").IsDisabledAsync()); // resend waits for its countdown
        await PageChecks.AccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "code");

        var code = await _server.CodeSentToAsync(email);
        await input.FillAsync(code[..3] + " " + code[3..]);
        await page.ClickAsync("button:has-text('Continue')");

        await page.WaitForURLAsync("**/account");
        Assert.Equal(username, await page.InputValueAsync("#username"));
        Assert.Matches(Digits(), await page.Locator("#user-id").InnerTextAsync());
        await PageChecks.AccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "account");
        var cookies = await page.Context.CookiesAsync();
        var session = Assert.Single(cookies, c => c.Name == "vg_session");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, session.SameSite);
    }

    [Fact]
    public async Task A_new_device_signs_in_with_a_pasted_code_and_a_remembered_device_is_not_asked_again()
    {
        var (username, email) = await SignUpAsync();
        var page = await browser.NewPageAsync(_server.BaseUrl());

        await SignInAsync(page, username);
        await page.WaitForURLAsync("**/code");
        var code = VerigateTestServer.CodeOf((await _server.WaitForMessagesAsync(email, 2))[0]);
        await page.Locator("#code").EvaluateAsync(
            "(input, text) => { const data = new DataTransfer(); data.setData('text', text); input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })); }",
            code[..3] + "-" + code[3..]);
        Assert.Equal(code, await page.InputValueAsync("#code"));
        await page.CheckAsync("input[name=remember]");
        await page.ClickAsync("button:has-text('Continue')");
        await page.WaitForURLAsync("**/account");
        Assert.Contains("remembered", await page.Locator("table").InnerTextAsync(), StringComparison.Ordinal);

        await page.ClickAsync("button:has-text('Sign out')");
        await page.WaitForURLAsync(_server.BaseUrl() + "/");
        await SignInAsync(page, username);

        await page.WaitForURLAsync("**/account");
        Assert.Equal(2, (await _server.WaitForMessagesAsync(email, 2)).Count); // no third code
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_login_read_the_same()
    {
        var (username, _) = await SignUpAsync();
        var page = await browser.NewPageAsync(_server.BaseUrl());

        await page.GotoAsync("/");
        await page.FillAsync("#login", username);
        await page.FillAsync("#password", "not the password at all");
        await page.ClickAsync("button:has-text('Sign in')");
        var wrongPassword = await page.Locator("[role=alert]").InnerTextAsync();
        await PageChecks.AccessibleAsync(page);

        await page.FillAsync("#login", Names.Username());
        await page.FillAsync("#password", "not the password at all");
        await page.ClickAsync("button:has-text('Sign in')");
        var unknown = await page.Locator("[role=alert]").InnerTextAsync();

        Assert.Equal("The login or password is not correct.", wrongPassword.Trim());
        Assert.Equal(wrongPassword, unknown);
    }

    [Fact]
    public async Task A_wrong_code_says_how_many_tries_are_left()
    {
        var (username, email) = await SignUpAsync();
        var page = await browser.NewPageAsync(_server.BaseUrl());
        await SignInAsync(page, username);
        await page.WaitForURLAsync("**/code");
        var code = VerigateTestServer.CodeOf((await _server.WaitForMessagesAsync(email, 2))[0]);

        await page.FillAsync("#code", code == "000000" ? "111111" : "000000");
        await page.ClickAsync("button:has-text('Continue')");

        Assert.Contains("That code is not right", await page.Locator("[role=alert]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Tries left: 4.", await page.Locator("[role=alert]").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.AccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "code-wrong");
    }

    /// <summary>An account made in its own browser context, signed out again.</summary>
    private async Task<(string Username, string Email)> SignUpAsync()
    {
        var page = await browser.NewPageAsync(_server.BaseUrl());
        var (username, email) = (Names.Username(), Names.Email());
        await page.GotoAsync("/signup");
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", Names.Password);
        await page.FillAsync("#email", email);
        await page.ClickAsync("button[type=submit]:has-text('Create account')");
        await page.WaitForURLAsync("**/code");
        await page.FillAsync("#code", await _server.CodeSentToAsync(email));
        await page.ClickAsync("button:has-text('Continue')");
        await page.WaitForURLAsync("**/account");
        await page.Context.CloseAsync();
        return (username, email);
    }

    private static async Task SignInAsync(IPage page, string login)
    {
        await page.GotoAsync("/");
        await page.FillAsync("#login", login);
        await page.FillAsync("#password", Names.Password);
        await page.ClickAsync("button:has-text('Sign in')");
    }

    [GeneratedRegex(@"^\d{10,20}$")]
    private static partial Regex Digits();
}
