using Microsoft.Playwright;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Web.Tests.Infrastructure;

/// <summary>Flows several tests go through, done the way a person does them: on the pages.</summary>
public sealed class Steps(BrowserFixture browser, VerigateTestServer server)
{
    /// <summary>Signs up on the pages with an email address and the code from the development inbox.</summary>
    public async Task<(IPage Page, string Username, string Email)> SignUpAsync()
    {
        var page = await browser.NewPageAsync(server.BaseUrl());
        var (username, email) = (Names.Username(), Names.Email());
        await page.GotoAsync("/signup");
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", Names.Password);
        await page.FillAsync("#email", email);
        await page.ClickAsync("button[type=submit]:has-text('Create account')");
        await page.WaitForURLAsync("**/code");
        await page.FillAsync("#code", await server.CodeSentToAsync(email));
        await page.ClickAsync("button:has-text('Continue')");
        await page.WaitForURLAsync("**/account");
        return (page, username, email);
    }

    public static async Task SignInAsync(IPage page, string login, string password = Names.Password)
    {
        await page.GotoAsync("/");
        await page.FillAsync("#login", login);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button:has-text('Sign in')");
    }
}
