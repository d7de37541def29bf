using Microsoft.Playwright;
using Verigate.Core.Staff;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Web.Tests.Infrastructure;

/// <summary>
/// The console in the browser: a staff member of a role, created and set up through the real path (the HTTP
/// <see cref="Server.Tests.Infrastructure.ConsoleSteps"/>: <c>StaffDirectory</c> + the setup page), then signed in on
/// the console's sign-in page with a code computed from the enrolled key.
/// </summary>
public sealed class ConsolePageSteps(BrowserFixture browser, VerigateTestServer server)
{
    public Server.Tests.Infrastructure.ConsoleSteps Http { get; } = new(server);

    /// <summary>A browser page signed in to the console (on <c>/console</c>) as a new staff member of <paramref name="role"/>.</summary>
    public async Task<(IPage Page, Server.Tests.Infrastructure.ConsoleSteps.StaffLogin Login)> SignedInAsync(StaffRole role, bool phone = false)
    {
        var login = await Http.CreateSetUpAsync(role);
        var page = await browser.NewPageAsync(server.BaseUrl(), phone: phone);
        await SignInAsync(page, login);
        return (page, login);
    }

    /// <summary>Signs in on the page; the fake clock moves to the next TOTP step first (each step signs in once).</summary>
    public async Task SignInAsync(IPage page, Server.Tests.Infrastructure.ConsoleSteps.StaffLogin login)
    {
        server.Time.Advance(TimeSpan.FromSeconds(30));
        await page.GotoAsync("/console/sign-in");
        await page.FillAsync("#name", login.Name);
        await page.FillAsync("#password", login.Password);
        await page.FillAsync("#code", Http.CodeFor(login.Secret));
        await page.ClickAsync("button[type=submit]:has-text('Sign in')");
        try
        {
            await page.WaitForURLAsync("**/console", new() { Timeout = 15000 });
        }
        catch (TimeoutException e)
        {
            throw new InvalidOperationException("Console sign-in did not finish; the page says: " + await page.Locator("main").InnerTextAsync(), e);
        }
    }
}
