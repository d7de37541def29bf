using Verigate.Server.Tests.Infrastructure;
using Verigate.Web.Tests.Infrastructure;

namespace Verigate.Web.Tests;

/// <summary>
/// "Didn't get the code?" with a real failed SMS: Kannel in front of the SMPP simulator, which reports numbers
/// ending in 0002 undelivered. The page's timeline follows the delivery reports live.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DidNotGetTheCodeTests(BrowserFixture browser) : IAsyncLifetime
{
    private VerigateTestServer _server = null!;

    public Task InitializeAsync()
    {
        var port = LoopbackPort.Free();
        var settings = KannelComponent.Settings(port);
        settings["Delivery:DevInbox"] = "On"; // email stays in the inbox while SMS goes through Kannel
        _server = WebServer.Start(settings, port);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_undelivered_sms_shows_in_the_live_timeline_with_sms_troubleshooting()
    {
        var phone = KannelComponent.Phone("0002");
        var page = await browser.NewPageAsync(_server.BaseUrl());
        await page.GotoAsync("/signup");
        await page.FillAsync("#username", Names.Username());
        await page.FillAsync("#password", Names.Password);
        await page.FillAsync("#phone", phone);
        await page.ClickAsync("button[type=submit]:has-text('Create account')");
        await page.WaitForURLAsync("**/code");
        Assert.Contains("by SMS", await page.Locator("#code-sent").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(phone[3..], await page.ContentAsync(), StringComparison.Ordinal);

        await page.ClickAsync("summary:has-text(\"Didn't get the code?\")");
        // The script refreshes the timeline while the panel is open, until the network's report arrives.
        await page.Locator("#timeline .failed").WaitForAsync(new() { Timeout = 30_000 });
        var timeline = await page.Locator("#timeline").InnerTextAsync();
        Assert.Contains("Queued", timeline, StringComparison.Ordinal);
        Assert.Contains("Not delivered", timeline, StringComparison.Ordinal);
        Assert.Single(KannelComponent.Received(phone));

        // Reloaded, the panel opens by itself and leads with what a failed SMS needs.
        await page.ReloadAsync();
        Assert.True(await page.Locator("details.help-panel").EvaluateAsync<bool>("d => d.open"));
        var tips = await page.Locator(".tips").InnerTextAsync();
        Assert.Contains("could not deliver the SMS", tips, StringComparison.Ordinal);
        Assert.Contains("signal", tips, StringComparison.Ordinal);
        Assert.Contains("blocked senders", tips, StringComparison.Ordinal);
        Assert.DoesNotContain("spam or junk folder", tips, StringComparison.Ordinal);
        await PageChecks.AccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "code-not-received");
    }
}
