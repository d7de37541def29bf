using Microsoft.Playwright;
using Verigate.Core.Staff;
using Verigate.Server.Tests.Infrastructure;
using Verigate.Web.Tests.Infrastructure;

namespace Verigate.Web.Tests;

/// <summary>The support console in Chromium: staff setup and sign-in, and an agent walking through a call.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleTests(BrowserFixture browser) : IAsyncLifetime
{
    private VerigateTestServer _server = null!;
    private ConsolePageSteps _console = null!;

    public Task InitializeAsync()
    {
        _server = WebServer.Start();
        _console = new ConsolePageSteps(browser, _server);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_new_staff_member_sets_up_on_the_link_signs_in_with_an_authenticator_code_and_signs_out()
    {
        var (name, setupPath) = await _console.Http.CreateAsync(StaffRole.Admin);
        var page = await browser.NewPageAsync(_server.BaseUrl());
        await page.GotoAsync(setupPath);
        await PageChecks.AccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "console-setup");
        var key = (await page.TextContentAsync("#totp-key"))!.Replace(" ", string.Empty, StringComparison.Ordinal);
        var secret = OtpNet.Base32Encoding.ToBytes(key);
        await page.FillAsync("#password", Server.Tests.Infrastructure.ConsoleSteps.Password);
        await page.FillAsync("#code", _console.Http.CodeFor(secret));
        await page.ClickAsync("button:has-text('Finish setup')");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("console access is ready");

        await page.GotoAsync("/console/sign-in");
        await PageChecks.AccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "console-sign-in");
        await _console.SignInAsync(page, new(name, StaffRole.Admin, Server.Tests.Infrastructure.ConsoleSteps.Password, secret));
        await Assertions.Expect(page.Locator(".banner, .important").First).ToContainTextAsync("Never ask for a code");
        await PageChecks.AccessibleAsync(page);

        await page.ClickAsync("button:has-text('Sign out')");
        await page.WaitForURLAsync("**/console/sign-in?signedout=true");
        await page.GotoAsync("/console");
        await page.WaitForURLAsync("**/console/sign-in");
    }
}
