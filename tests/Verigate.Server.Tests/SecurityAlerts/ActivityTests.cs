using System.Net;
using System.Net.Http.Json;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests.SecurityAlerts;

/// <summary><c>GET /v1/me/activity</c>: the account's own security events, newest first, in words, paged with a cursor.</summary>
public sealed class ActivityTests : IAsyncLifetime
{
    private VerigateTestServer _server = null!;
    private AccountSteps _steps = null!;

    public Task InitializeAsync()
    {
        _server = new VerigateTestServer(VerigateTestServer.Relaxed(new Dictionary<string, string?>
        {
            ["RateLimits:LoginsPerAccount:Count"] = "1000",
        }));
        _steps = new AccountSteps(_server);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string? NextLink(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Link", out var values) ? values.Single() : null;

    [Fact]
    public async Task Activity_lists_sign_ins_with_their_device_and_failures_newest_first_and_pages_with_the_link_header()
    {
        var account = await _steps.SignUpAsync();
        _server.Time.Advance(TimeSpan.FromMinutes(1));
        await (await _steps.LoginAsync(account.Username, "not the password at all")).ProblemAsync(401, "invalid_credentials");
        _server.Time.Advance(TimeSpan.FromMinutes(1));
        var challenge = await (await _steps.LoginAsync(account.Username)).JsonAsync();
        var code = await _server.CodeSentToAsync(account.Email, 2);
        using (var anonymous = _server.Anonymous())
        {
            Assert.Equal(HttpStatusCode.Created, (await anonymous.PostAsJsonAsync($"/v1/challenges/{challenge.Str("challengeId")}/verify", new { code })).StatusCode);
        }

        using var client = _server.SignedIn(account.SessionToken);
        var all = await client.GetAsync("/v1/me/activity");
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Null(NextLink(all));
        var entries = (await all.JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(["signed_in", "sign_in_failed", "signed_in", "contact_verified", "account_created"], entries.Select(e => e.Str("type")));
        Assert.Equal("Firefox on Linux", entries[0].Str("deviceName"));
        Assert.Equal("Someone signed in to your account.", entries[0].Str("detail"));
        Assert.True(entries[0].GetProperty("at").GetDateTime() > entries[1].GetProperty("at").GetDateTime());
        Assert.All(entries, e => Assert.DoesNotContain(code, e.GetRawText(), StringComparison.Ordinal));

        // Two at a time: the Link header carries the cursor of the next page until the last one.
        var seen = new List<string>();
        var next = "/v1/me/activity?limit=2";
        var pages = 0;
        while (next is not null)
        {
            var page = await client.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var items = (await page.JsonAsync()).EnumerateArray().Select(e => e.Str("type")).ToList();
            Assert.InRange(items.Count, 1, 2);
            seen.AddRange(items);
            pages++;
            var link = NextLink(page);
            next = link is null ? null : link[(link.IndexOf('<', StringComparison.Ordinal) + 1)..link.IndexOf('>', StringComparison.Ordinal)];
            Assert.True(link is null || link.EndsWith("; rel=\"next\"", StringComparison.Ordinal), link);
        }

        Assert.Equal(3, pages);
        Assert.Equal(entries.Select(e => e.Str("type")), seen);
    }

    [Fact]
    public async Task Activity_shows_only_the_callers_own_events_even_with_another_accounts_cursor()
    {
        var mine = await _steps.SignUpAsync();
        var theirs = await _steps.SignUpAsync();
        for (var i = 0; i < 3; i++)
        {
            await (await _steps.LoginAsync(theirs.Username, "not the password at all")).ProblemAsync(401, "invalid_credentials");
        }

        using var them = _server.SignedIn(theirs.SessionToken);
        var theirPage = await them.GetAsync("/v1/me/activity?limit=1");
        var link = NextLink(theirPage)!;
        var cursor = link[(link.IndexOf("cursor=", StringComparison.Ordinal) + 7)..link.IndexOf('&', StringComparison.Ordinal)];

        using var me = _server.SignedIn(mine.SessionToken);
        var mineAll = (await (await me.GetAsync("/v1/me/activity")).JsonAsync()).EnumerateArray().Select(e => e.Str("type")).ToList();
        Assert.DoesNotContain("sign_in_failed", mineAll);
        var withTheirCursor = (await (await me.GetAsync($"/v1/me/activity?cursor={cursor}")).JsonAsync()).EnumerateArray().Select(e => e.Str("type")).ToList();
        Assert.DoesNotContain("sign_in_failed", withTheirCursor);
        Assert.All(withTheirCursor, t => Assert.Contains(t, mineAll));
    }

    [Theory]
    [InlineData("cursor=abc", "cursor")]
    [InlineData("cursor=ev_", "cursor")]
    [InlineData("cursor=ev_-5", "cursor")]
    [InlineData("cursor=ev_99999999999999999999999", "cursor")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    public async Task A_bad_cursor_or_limit_is_a_400_problem_naming_the_field(string query, string field)
    {
        var account = await _steps.SignUpAsync();
        using var client = _server.SignedIn(account.SessionToken);
        var problem = await (await client.GetAsync($"/v1/me/activity?{query}")).ProblemAsync(400, "invalid_request");
        Assert.Equal(field, problem.Str("field"));
    }

    [Fact]
    public async Task A_limit_that_is_not_a_number_is_a_400_problem_and_activity_needs_a_session()
    {
        var account = await _steps.SignUpAsync();
        using var client = _server.SignedIn(account.SessionToken);
        await (await client.GetAsync("/v1/me/activity?limit=ten")).ProblemAsync(400, "invalid_request");
        using var anonymous = _server.Anonymous();
        await (await anonymous.GetAsync("/v1/me/activity")).ProblemAsync(401, "unauthorized");
    }
}
