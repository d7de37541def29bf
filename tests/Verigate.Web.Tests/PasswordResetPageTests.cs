using Verigate.Server.Tests.Infrastructure;
using Verigate.Web.Tests.Infrastructure;

namespace Verigate.Web.Tests;

/// <summary>Resetting a password on the pages, and the same pages for a login that does not exist.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PasswordResetPageTests(BrowserFixture browser) : IAsyncLifetime
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
    public async Task A_reset_with_the_emailed_code_sets_the_new_password()
    {
        var (first, username, email) = await _steps.SignUpAsync();
        await first.Context.CloseAsync();
        var page = await browser.NewPageAsync(_server.BaseUrl());

        await page.GotoAsync("/");
        await page.ClickAsync("text=Forgot your password?");
        await PageChecks.AccessibleAsync(page);
        await page.FillAsync("#login", username);
        await page.ClickAsync("button:has-text('Send a code')");
        await page.WaitForURLAsync("**/reset/code");
        Assert.Contains("•••", await page.Locator(".destination").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.AccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "reset-code");

        var code = VerigateTestServer.CodeOf((await _server.WaitForMessagesAsync(email, 2))[0]);
        await page.FillAsync("#code", code);
        await page.FillAsync("#newPassword", "a brand new passphrase here");
        await page.ClickAsync("button:has-text('Change password')");

        await page.WaitForURLAsync("**/?done=reset");
        Assert.Contains("Your password was changed", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        await Steps.SignInAsync(page, username, "a brand new passphrase here");
        await page.WaitForURLAsync("**/code"); // the reset forgot every trusted device: a code again
        await Steps.SignInAsync(page, username, Names.Password);
        Assert.Equal("The login or password is not correct.", (await page.Locator("[role=alert]").InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task An_unknown_login_gets_the_same_code_page_as_a_real_one()
    {
        var (first, username, _) = await _steps.SignUpAsync();
        await first.Context.CloseAsync();

        async Task<string> ShapeAsync(string login)
        {
            var page = await browser.NewPageAsync(_server.BaseUrl());
            await page.GotoAsync("/reset");
            await page.FillAsync("#login", login);
            await page.ClickAsync("button:has-text('Send a code')");
            await page.WaitForURLAsync("**/reset/code");
            await page.ClickAsync("summary:has-text(\"Didn't get the code?\")");
            await PageChecks.AccessibleAsync(page);
            // The page's structure and wording, with the masked address and times taken out.
            var shape = await page.EvaluateAsync<string>(
                "() => Array.from(document.querySelectorAll('main h1, main label, main button, main summary, main .tips li')).map(e => e.tagName + ':' + e.textContent.replace(/[^ ]*•[^ ]*/g, '*').replace(/\\d+:\\d\\d/g, 't').trim()).join('\\n')");
            await page.Context.CloseAsync();
            return shape;
        }

        var real = await ShapeAsync(username);
        var unknown = await ShapeAsync(Names.Username());

        Assert.Equal(real, unknown);
        Assert.Contains("Change password", real, StringComparison.Ordinal);
    }
}
