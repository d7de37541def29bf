using System.Text.RegularExpressions;
using Verigate.Server.Tests.Infrastructure;
using Verigate.Web.Tests.Infrastructure;

namespace Verigate.Web.Tests;

/// <summary>
/// Changing the email address in the security center the way a person does it: the code from the new address on the
/// shared code-entry page, the old address held (it cannot be removed yet), then the undo link from the notice to the
/// old address, pressed in the browser, which reverts the change and signs this browser out.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ContactsPageTests(BrowserFixture browser) : IAsyncLifetime
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
    public async Task Changing_the_email_by_code_then_undoing_it_from_the_notice_link()
    {
        var (page, _, oldEmail) = await _steps.SignUpAsync();
        var newEmail = Names.Email();

        await page.ClickAsync("text=Add, change or remove an email address or phone number");
        await page.WaitForURLAsync("**/account/contacts");
        await PageChecks.AccessibleAsync(page);
        await page.FillAsync("#value", newEmail);
        await page.ClickAsync("button:has-text('Send the code')");
        await page.WaitForURLAsync("**/account/contacts/code");
        await PageChecks.AccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "contact-code");
        await page.FillAsync("#code", await _server.CodeSentToAsync(newEmail));
        await page.ClickAsync("button:has-text('Confirm')");
        await page.WaitForURLAsync("**/account/contacts?done=verified");
        Assert.Contains("the address is verified", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await page.Locator("#contact-list li").CountAsync());
        Assert.Equal(1, await page.Locator("#contact-list .tag").CountAsync());
        await PageChecks.AccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "contacts");

        // The replaced address is held: removing it is refused with words, not an error page.
        var oldRow = page.Locator("#contact-list li").Filter(new() { HasNotText = "primary" });
        await oldRow.Locator("button:has-text('Remove')").ClickAsync();
        Assert.Contains("replaced recently", await page.Locator("[role=alert]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await page.Locator("#contact-list li").CountAsync());

        // The old address got a notice with an undo link; opening it changes nothing until the button is pressed.
        var notice = (await _server.WaitForMessagesAsync(oldEmail, 2)).First(m => m.Subject?.Contains("contact was changed", StringComparison.Ordinal) == true);
        var link = LinkPattern().Match(notice.Body).Value;
        Assert.NotEmpty(link);
        var mail = await browser.NewPageAsync(_server.BaseUrl());
        await mail.GotoAsync(new Uri(link).PathAndQuery);
        await PageChecks.AccessibleAsync(mail, console: false);
        await page.ReloadAsync();
        Assert.Equal(2, await page.Locator("#contact-list li").CountAsync());

        await mail.ClickAsync("button:has-text('Undo the change')");
        Assert.Contains("Change undone", await mail.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.AccessibleAsync(mail, console: false);

        // This browser was signed out with every other session.
        await page.GotoAsync("/account/contacts");
        Assert.DoesNotContain("/account/contacts", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"http://[^\s]+/links/vgl_[A-Za-z0-9_-]{43}")]
    private static partial Regex LinkPattern();
}
