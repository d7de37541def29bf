using System.Net;
using Verigate.Server.Tests.Infrastructure;
using Verigate.Web.Tests.Infrastructure;

namespace Verigate.Web.Tests;

/// <summary>What every page shares: languages, the error pages, and the security headers.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PageBasicsTests(BrowserFixture browser) : IAsyncLifetime
{
    private VerigateTestServer _server = null!;

    public Task InitializeAsync()
    {
        _server = WebServer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_language_follows_accept_language_and_the_switcher_overrides_it()
    {
        var page = await browser.NewPageAsync(_server.BaseUrl(), locale: "de-DE");
        await page.GotoAsync("/signup");
        Assert.Equal("Konto erstellen", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("de", await page.Locator("html").GetAttributeAsync("lang"));
        await PageChecks.AccessibleAsync(page);

        await page.SelectOptionAsync("#language-choice", "es");
        await page.ClickAsync("footer button");
        await page.WaitForURLAsync("**/signup");
        Assert.Equal("Crear una cuenta", await page.Locator("h1").InnerTextAsync());
        await page.GotoAsync("/");
        Assert.Equal("Iniciar sesión", await page.Locator("h1").InnerTextAsync());
        await PageChecks.AccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "signin-es");
    }

    [Fact]
    public async Task A_missing_page_says_so_and_reveals_nothing_of_the_request()
    {
        var page = await browser.NewPageAsync(_server.BaseUrl());
        var answer = await page.GotoAsync("/no/such/page-with-a-secret-vgs_abc");

        Assert.Equal(404, answer!.Status);
        Assert.Equal("Page not found", await page.Locator("h1").InnerTextAsync());
        Assert.DoesNotContain("vgs_abc", await page.ContentAsync(), StringComparison.Ordinal);
        await PageChecks.AccessibleAsync(page, console: false);

        // The API keeps answering problems.
        using var api = _server.Anonymous();
        var problem = await api.GetAsync("/v1/no-such-thing");
        Assert.Equal("application/problem+json", problem.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/account")]
    [InlineData("/account/sessions")]
    [InlineData("/account/passkeys")]
    [InlineData("/account/authenticator")]
    [InlineData("/account/recovery-codes")]
    public async Task A_page_of_the_security_center_sends_a_visitor_without_a_session_to_sign_in(string path)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(_server.BaseUrl()) };
        var answer = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/", answer.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_with_a_page()
    {
        using var client = _server.Anonymous();
        var answer = await client.PostAsync("/signup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = Names.Username(), ["password"] = Names.Password, ["email"] = Names.Email(),
        }));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("text/html", answer.Content.Headers.ContentType?.MediaType);
        Assert.Contains("This form could not be accepted", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_allow_no_inline_script_no_framing_and_no_referrer()
    {
        using var client = _server.Anonymous();
        foreach (var path in new[] { "/", "/signup", "/reset", "/error/404" })
        {
            var answer = await client.GetAsync(path);
            var csp = answer.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.Equal("no-referrer", answer.Headers.GetValues("Referrer-Policy").Single());
            Assert.True(answer.Headers.CacheControl?.NoStore);
            Assert.DoesNotContain("<script>", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_main_pages_work_at_phone_width()
    {
        var page = await browser.NewPageAsync(_server.BaseUrl(), phone: true);
        foreach (var (path, name) in new[] { ("/", "signin"), ("/signup", "signup"), ("/reset", "reset") })
        {
            await page.GotoAsync(path);
            await PageChecks.AccessibleAsync(page);
            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
            Assert.False(overflow, $"{path} scrolls sideways at phone width");
            await PageChecks.ScreenshotAsync(page, name);
        }
    }
}
