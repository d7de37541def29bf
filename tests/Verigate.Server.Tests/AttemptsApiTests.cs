using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests;

/// <summary>The attempts API against a seeded mix of converted and unconverted verifications of two API keys.</summary>
public sealed class AttemptsApiTests : IAsyncLifetime
{
    private VerigateTestServer _server = null!;
    private HttpClient _api = null!;
    private DateTimeOffset _start;
    private DateTimeOffset _later;

    public async Task InitializeAsync()
    {
        _server = new VerigateTestServer(VerigateTestServer.Relaxed());
        _api = _server.Integrator();
        _start = _server.Time.GetUtcNow();

        // German mobiles: two of three +49151 converted, the +49176 one converted; French: one of two; email: converted.
        await StartAsync("+4915110000001", approve: true);
        await StartAsync("+4915110000002", approve: true);
        await StartAsync("+4915110000003", approve: false);
        await StartAsync("+4917610000004", approve: true);
        await StartAsync("+33612345601", approve: true);
        await StartAsync("+33612345602", approve: false);
        await StartAsync("mix@example.com", approve: true, channel: "email");
        using var other = _server.Integrator(VerigateTestServer.OtherApiKey);
        await StartAsync("+4915110000009", approve: true, client: other);

        _server.Time.Advance(TimeSpan.FromHours(2));
        _later = _server.Time.GetUtcNow();
        await StartAsync("+4915110000010", approve: false); // a later, unconverted one
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _server.DisposeAsync();
    }

    private async Task StartAsync(string to, bool approve, string channel = "sms", HttpClient? client = null)
    {
        client ??= _api;
        _server.Time.Advance(TimeSpan.FromSeconds(1)); // one instant each, so "newest first" has one answer
        var started = await client.PostAsJsonAsync("/v1/verifications", new { to, channel });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        if (approve)
        {
            var id = (await started.JsonAsync()).Str("id");
            var code = await _server.CodeSentToAsync(to);
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/v1/verifications/{id}/check", new { code })).StatusCode);
        }
    }

    private async Task<JsonElement> SummaryAsync(string query = "")
    {
        var response = await _api.GetAsync("/v1/attempts/summary" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private static void AssertCounts(JsonElement summary, int total, int converted)
    {
        Assert.Equal(total, summary.GetProperty("total").GetInt32());
        Assert.Equal(converted, summary.GetProperty("converted").GetInt32());
        Assert.Equal(total - converted, summary.GetProperty("unconverted").GetInt32());
        Assert.Equal(total == 0 ? 0 : Math.Round((double)converted / total, 4), summary.GetProperty("conversionRate").GetDouble());
    }

    [Fact]
    public async Task The_summary_counts_only_the_calling_keys_verifications_and_narrows_by_channel_country_prefix_and_time()
    {
        AssertCounts(await SummaryAsync(), 8, 5);
        AssertCounts(await SummaryAsync("?channel=sms"), 7, 4);
        AssertCounts(await SummaryAsync("?channel=email"), 1, 1);
        AssertCounts(await SummaryAsync("?country=DE"), 5, 3);
        AssertCounts(await SummaryAsync("?country=FR"), 2, 1);
        AssertCounts(await SummaryAsync("?prefix=%2B49151"), 4, 2);
        AssertCounts(await SummaryAsync("?prefix=%2B4915110000001"), 1, 1);
        AssertCounts(await SummaryAsync($"?to={Uri.EscapeDataString(_later.AddSeconds(-1).ToString("O"))}"), 7, 5);
        AssertCounts(await SummaryAsync($"?from={Uri.EscapeDataString(_later.ToString("O"))}&country=DE"), 1, 0);
        AssertCounts(await SummaryAsync($"?to={Uri.EscapeDataString(_start.AddSeconds(-1).ToString("O"))}"), 0, 0);

        using var other = _server.Integrator(VerigateTestServer.OtherApiKey);
        var theirs = await (await other.GetAsync("/v1/attempts/summary")).JsonAsync();
        AssertCounts(theirs, 1, 1);
    }

    [Fact]
    public async Task The_list_is_newest_first_masked_with_country_and_conversion_and_pages_with_a_cursor()
    {
        var first = await (await _api.GetAsync("/v1/attempts?limit=3")).JsonAsync();
        var items = first.GetProperty("attempts").EnumerateArray().ToList();
        Assert.Equal(3, items.Count);
        Assert.Equal("+49 ••• ••• 10", items[0].Str("to"));
        Assert.Equal("DE", items[0].Str("country"));
        Assert.Equal("pending", items[0].Str("status"));
        Assert.False(items[0].GetProperty("converted").GetBoolean());
        Assert.Equal(1, items[0].GetProperty("sends").GetInt32());
        Assert.Equal("email", items[1].Str("channel"));
        Assert.Equal(JsonValueKind.Null, items[1].GetProperty("country").ValueKind);
        Assert.True(items[1].GetProperty("converted").GetBoolean());
        Assert.Equal("approved", items[1].Str("status"));
        Assert.DoesNotContain("+4915110000010", first.GetRawText(), StringComparison.Ordinal);

        var seen = items.Select(i => i.Str("verificationId")).ToList();
        var cursor = first.Str("nextCursor");
        while (cursor is not null)
        {
            var page = await (await _api.GetAsync($"/v1/attempts?limit=3&cursor={Uri.EscapeDataString(cursor)}")).JsonAsync();
            seen.AddRange(page.GetProperty("attempts").EnumerateArray().Select(i => i.Str("verificationId")));
            cursor = page.GetProperty("nextCursor").GetString();
        }

        Assert.Equal(8, seen.Count);
        Assert.Equal(8, seen.Distinct().Count());

        var french = await (await _api.GetAsync("/v1/attempts?country=FR")).JsonAsync();
        Assert.All(french.GetProperty("attempts").EnumerateArray(), a => Assert.StartsWith("+33", a.Str("to"), StringComparison.Ordinal));
        Assert.Equal(2, french.GetProperty("attempts").GetArrayLength());
    }

    [Theory]
    [InlineData("?channel=fax", "channel")]
    [InlineData("?country=de", "country")]
    [InlineData("?country=DEU", "country")]
    [InlineData("?prefix=4915", "prefix")]
    [InlineData("?prefix=%2B49%25", "prefix")]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "from")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=101", "limit")]
    [InlineData("?cursor=nonsense", "cursor")]
    public async Task Bad_filters_are_400_naming_the_field(string query, string field)
    {
        var problem = await (await _api.GetAsync("/v1/attempts" + query)).ProblemAsync(400, "invalid_request");
        Assert.Equal(field, problem.Str("field"));
    }

    [Fact]
    public async Task Without_an_api_key_it_is_401()
    {
        using var anonymous = _server.Anonymous();
        await (await anonymous.GetAsync("/v1/attempts/summary")).ProblemAsync(401, "unauthorized");
    }
}
