using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Verigate.Core.ActionLinks;
using Verigate.Core.Challenges;
using Verigate.Core.Results;
using Verigate.Core.Storage;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests.ActionLinks;

/// <summary>The single-use link primitive over HTTP: the GET page changes nothing, only the page's POST acts, once.</summary>
public sealed partial class ActionLinkPageTests : IAsyncLifetime
{
    private VerigateTestServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new VerigateTestServer(services: s => s.AddActionLinkHandler<CountingHandler>());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private CountingHandler Handler => _server.Services.GetServices<IActionLinkHandler>().OfType<CountingHandler>().Single();

    private async Task<string> IssueAsync()
    {
        var links = _server.Services.GetRequiredService<ActionLinkService>();
        await using var tx = await _server.Services.GetRequiredService<IStore>().BeginWriteAsync(CancellationToken.None);
        var link = await links.IssueAsync(tx, 42, CountingHandler.Name, "payload-1", CancellationToken.None);
        await tx.CommitAsync(CancellationToken.None);
        return link.OpenToken(_server.Services.GetRequiredService<ICodeVault>(), _server.Time.GetUtcNow())!;
    }

    private async Task<HttpResponseMessage> PressAsync(string token, string? fetchSite = "same-origin")
    {
        using var client = _server.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/links") { Content = new FormUrlEncodedContent([new("token", token)]) };
        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Opening_the_link_shows_a_button_that_posts_the_token_in_the_form_and_changes_nothing()
    {
        var token = await IssueAsync();
        using var client = _server.Anonymous();

        for (var i = 0; i < 3; i++)
        {
            var page = await client.GetAsync($"/links/{token}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
            var csp = page.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("form-action 'self'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("<link rel=\"stylesheet\" href=\"/static/site.css\">", html, StringComparison.Ordinal); // the site's look, no inline style
            Assert.Contains("<h1>Do the counted thing?</h1>", html, StringComparison.Ordinal);
            Assert.Contains("<form method=\"post\" action=\"/links\">", html, StringComparison.Ordinal);
            Assert.Contains($"<input type=\"hidden\" name=\"token\" value=\"{token}\">", html, StringComparison.Ordinal);
            Assert.Contains("<button type=\"submit\">Count it</button>", html, StringComparison.Ordinal);
        }

        Assert.Equal(0, Handler.Acted);
        var pressed = await PressAsync(token);
        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        Assert.Contains("Counted", await pressed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, Handler.Acted);
        Assert.Equal("payload-1", Handler.LastPayload);
    }

    [Fact]
    public async Task A_link_acts_once_then_answers_like_an_unknown_one()
    {
        var token = await IssueAsync();
        Assert.Equal(HttpStatusCode.OK, (await PressAsync(token)).StatusCode);

        var again = await PressAsync(token);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        using var client = _server.Anonymous();
        var shown = await client.GetAsync($"/links/{token}");
        Assert.Equal(HttpStatusCode.NotFound, shown.StatusCode);
        var unknown = await client.GetAsync($"/links/{ActionLinkService.TokenPrefix}{new string('A', 43)}");
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await shown.Content.ReadAsStringAsync());
        Assert.Equal(1, Handler.Acted);
    }

    [Fact]
    public async Task Twenty_parallel_presses_act_exactly_once()
    {
        var token = await IssueAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => PressAsync(token)));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.NotFound, a.StatusCode));
        Assert.Equal(1, Handler.Acted);
    }

    [Fact]
    public async Task An_expired_link_shows_no_button_and_does_nothing()
    {
        var token = await IssueAsync();
        _server.Time.Advance(CountingHandler.Lifetime + TimeSpan.FromSeconds(1));

        using var client = _server.Anonymous();
        var page = await client.GetAsync($"/links/{token}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain("<button", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await PressAsync(token)).StatusCode);
        Assert.Equal(0, Handler.Acted);
    }

    [Fact]
    public async Task A_post_that_does_not_come_from_the_page_does_nothing()
    {
        var token = await IssueAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await PressAsync(token, "cross-site")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PressAsync(token, fetchSite: null)).StatusCode);

        using var client = _server.Anonymous();
        using var fromNull = new HttpRequestMessage(HttpMethod.Post, "/links") { Content = new FormUrlEncodedContent([new("token", token)]) };
        fromNull.Headers.Add("Origin", "null");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(fromNull)).StatusCode);
        Assert.Equal(0, Handler.Acted);

        // An old browser without Sec-Fetch-Site, with our own origin, is let through.
        using var fromUs = new HttpRequestMessage(HttpMethod.Post, "/links") { Content = new FormUrlEncodedContent([new("token", token)]) };
        fromUs.Headers.Add("Origin", client.BaseAddress!.GetLeftPart(UriPartial.Authority));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(fromUs)).StatusCode);
        Assert.Equal(1, Handler.Acted);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("vgl_")]
    [InlineData("vgl_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA%0d%0a")]
    [InlineData("vgl_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("%E2%80%AE%F0%9F%98%80")]
    public async Task Malformed_tokens_get_the_same_page_as_unknown_ones_never_an_error(string token)
    {
        using var client = _server.Anonymous();
        var page = await client.GetAsync($"/links/{token}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("This link no longer works", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await PressAsync(Uri.UnescapeDataString(token))).StatusCode);

        using var empty = new HttpRequestMessage(HttpMethod.Post, "/links");
        empty.Headers.Add("Sec-Fetch-Site", "same-origin");
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(empty)).StatusCode);

        using var noBoundary = new HttpRequestMessage(HttpMethod.Post, "/links") { Content = new StringContent("token=" + token) };
        noBoundary.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("multipart/form-data");
        noBoundary.Headers.Add("Sec-Fetch-Site", "same-origin");
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(noBoundary)).StatusCode);
    }

    [Fact]
    public async Task The_token_is_at_least_256_random_bits_and_is_stored_only_hashed()
    {
        var token = await IssueAsync();
        Assert.Matches(TokenShape(), token);
        var other = await IssueAsync();
        Assert.NotEqual(token, other);

        await using var read = await _server.Services.GetRequiredService<IStore>().OpenReadAsync(CancellationToken.None);
        var hasher = _server.Services.GetRequiredService<ActionLinkHasher>();
        var link = await read.ActionLinks.FindByTokenHashAsync(hasher.Hash(token), CancellationToken.None);
        Assert.NotNull(link);
        Assert.DoesNotContain(token, link.SealedToken!, StringComparison.Ordinal);
        Assert.NotEqual(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)), link.TokenHash);
    }

    [GeneratedRegex("^vgl_[A-Za-z0-9_-]{43}$")]
    private static partial Regex TokenShape();

    /// <summary>A kind of link made for the test: counts presses and remembers the payload.</summary>
    private sealed class CountingHandler : IActionLinkHandler
    {
        public const string Name = "test_count";
        public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
        private int _acted;

        public int Acted => Volatile.Read(ref _acted);

        public string? LastPayload { get; private set; }

        public string Kind => Name;

        public TimeSpan ValidFor => Lifetime;

        public ActionLinkPrompt Describe(ActionLink link) => new("Do the counted thing?", "Pressing the button counts one.", "Count it");

        public Task<Result<ActionLinkDone>> ActAsync(IStoreSession tx, ActionLink link, ActionLinkContext context, CancellationToken ct)
        {
            Interlocked.Increment(ref _acted);
            LastPayload = link.Payload;
            return Task.FromResult<Result<ActionLinkDone>>(new ActionLinkDone("Counted", "One more."));
        }
    }
}
