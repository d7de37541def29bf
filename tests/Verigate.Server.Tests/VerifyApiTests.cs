using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests;

public sealed class VerifyApiTests : IAsyncLifetime
{
    private VerigateTestServer _server = null!;
    private HttpClient _api = null!;
    private int _next;

    public Task InitializeAsync()
    {
        _server = new VerigateTestServer(VerigateTestServer.Relaxed());
        _api = _server.Integrator();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _server.DisposeAsync();
    }

    private string NextPhone() => $"+49151{Interlocked.Increment(ref _next) + 22000000}";

    private async Task<(string Id, string To)> StartAsync(object? extra = null, string channel = "sms")
    {
        var to = channel == "sms" ? NextPhone() : $"user{Interlocked.Increment(ref _next)}@example.com";
        var body = new Dictionary<string, object?> { ["to"] = to, ["channel"] = channel };
        foreach (var p in (extra?.GetType().GetProperties() ?? []))
        {
            body[p.Name] = p.GetValue(extra);
        }

        var response = await _api.PostAsJsonAsync("/v1/verifications", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await response.JsonAsync()).Str("id"), to);
    }

    private Task<HttpResponseMessage> CheckAsync(string id, string code, HttpClient? client = null) =>
        (client ?? _api).PostAsJsonAsync($"/v1/verifications/{id}/check", new { code });

    [Fact]
    public async Task Start_answers_201_with_the_masked_destination_and_the_limits_and_never_the_code()
    {
        var response = await _api.PostAsJsonAsync("/v1/verifications", new { to = "+49 151 99887766", channel = "sms", purpose = "login" });
        var json = await response.JsonAsync();
        var code = await _server.CodeSentToAsync("+4915199887766");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/v1/verifications/{json.Str("id")}", response.Headers.Location?.ToString());
        Assert.Matches("^VE[0-9a-f]{32}$", json.Str("id"));
        Assert.Equal("pending", json.Str("status"));
        Assert.Equal("+49 ••• ••• 66", json.Str("to"));
        Assert.Equal("sms", json.Str("channel"));
        Assert.Equal("login", json.Str("purpose"));
        Assert.Equal(5, json.GetProperty("attemptsRemaining").GetInt32());
        Assert.Equal(_server.Time.GetUtcNow().AddMinutes(10).ToUnixTimeSeconds(), json.GetProperty("expiresAt").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.Equal(_server.Time.GetUtcNow().AddSeconds(30).ToUnixTimeSeconds(), json.GetProperty("resendAvailableAt").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.EndsWith("Z", json.Str("expiresAt"), StringComparison.Ordinal);
        Assert.DoesNotContain(code, json.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sms_says_what_the_code_is_for_warns_and_ends_with_the_origin_bound_line()
    {
        var (id, to) = await StartAsync(new { purpose = "login" });
        var message = (await _server.WaitForMessagesAsync(to))[0];
        var code = VerigateTestServer.CodeOf(message);

        Assert.Contains("to sign in", message.Body, StringComparison.Ordinal);
        Assert.Contains("We will never ask you for this code", message.Body, StringComparison.Ordinal);
        Assert.Contains($"/report/{id}", message.Body, StringComparison.Ordinal);
        Assert.EndsWith($"\n@127.0.0.1 #{code}", message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_email_verification_gets_a_subject_and_the_code_in_the_body()
    {
        var (_, to) = await StartAsync(channel: "email");
        var message = (await _server.WaitForMessagesAsync(to))[0];

        Assert.Equal("email", message.Channel);
        Assert.False(string.IsNullOrEmpty(message.Subject));
        Assert.Matches(@"^\d{6}$", VerigateTestServer.CodeOf(message));
    }

    [Fact]
    public async Task The_development_inbox_finds_a_phone_number_given_unencoded_with_its_plus()
    {
        var (_, to) = await StartAsync();
        await _server.WaitForMessagesAsync(to);

        var messages = await _api.GetFromJsonAsync<List<InboxMessage>>($"/v1/dev/messages?to={to}");

        Assert.StartsWith("?to=+49", new Uri(_api.BaseAddress!, $"/v1/dev/messages?to={to}").Query, StringComparison.Ordinal);
        Assert.Single(messages!);
        Assert.Equal(to, messages![0].To);
    }

    [Fact]
    public async Task The_right_code_approves_once_and_then_the_verification_is_not_found()
    {
        var (id, to) = await StartAsync();
        var code = await _server.CodeSentToAsync(to);

        var first = await CheckAsync(id, code);
        var second = await CheckAsync(id, code);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("approved", (await first.JsonAsync()).Str("status"));
        // The right code first time is not a spent attempt: the answer reads as before the check.
        var details = await (await _api.GetAsync($"/v1/verifications/{id}")).JsonAsync();
        Assert.Equal("approved", details.Str("status"));
        Assert.Equal(5, details.GetProperty("attemptsRemaining").GetInt32());
        await second.ProblemAsync(404, "verification_not_found");
    }

    [Fact]
    public async Task A_wrong_code_is_422_with_attempts_remaining_and_the_sixth_check_is_429_even_with_the_right_code()
    {
        var (id, to) = await StartAsync();
        var code = await _server.CodeSentToAsync(to);
        var wrong = code == "000000" ? "111111" : "000000";

        var remaining = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            var problem = await (await CheckAsync(id, wrong)).ProblemAsync(422, "code_incorrect");
            remaining.Add(problem.GetProperty("attemptsRemaining").GetInt32());
            Assert.Equal("code", problem.Str("field"));
        }

        await (await CheckAsync(id, code)).ProblemAsync(429, "too_many_attempts");
        var details = await (await _api.GetAsync($"/v1/verifications/{id}")).JsonAsync();
        Assert.Equal([4, 3, 2, 1, 0], remaining);
        Assert.Equal("max_attempts_reached", details.Str("status"));
    }

    [Fact]
    public async Task Fifty_parallel_wrong_guesses_over_http_get_exactly_five_422s()
    {
        var (id, to) = await StartAsync();
        var code = await _server.CodeSentToAsync(to);
        var wrong = code == "000000" ? "111111" : "000000";

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => CheckAsync(id, wrong)));

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.UnprocessableEntity));
        Assert.Equal(45, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Unknown_expired_approved_and_canceled_verifications_are_indistinguishable()
    {
        var (approvedId, approvedTo) = await StartAsync();
        await CheckAsync(approvedId, await _server.CodeSentToAsync(approvedTo));
        var (canceledId, _) = await StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await _api.PostAsync($"/v1/verifications/{canceledId}/cancel", null)).StatusCode);
        var (expiredId, _) = await StartAsync();
        _server.Time.Advance(TimeSpan.FromMinutes(10));

        var bodies = new List<string>();
        foreach (var id in new[] { "VE00000000000000000000000000000000", approvedId, canceledId, expiredId, Uri.EscapeDataString("x'; DROP TABLE challenges;--") })
        {
            var problem = await (await CheckAsync(id, "123456")).ProblemAsync(404, "verification_not_found");
            bodies.Add(problem.GetRawText());
        }

        Assert.Single(bodies.Distinct());
    }

    [Fact]
    public async Task Get_shows_status_and_the_delivery_timeline()
    {
        var (id, to) = await StartAsync();
        await _server.WaitForMessagesAsync(to);

        var json = await (await _api.GetAsync($"/v1/verifications/{id}")).JsonAsync();
        var deliveries = json.GetProperty("deliveries").EnumerateArray().Select(d => d.Str("status")).ToList();

        Assert.Equal("pending", json.Str("status"));
        Assert.Equal(["queued", "delivered"], deliveries);
        _server.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal("expired", (await (await _api.GetAsync($"/v1/verifications/{id}")).JsonAsync()).Str("status"));
    }

    [Fact]
    public async Task Cancel_ends_the_verification_and_a_second_cancel_is_404()
    {
        var (id, to) = await StartAsync();
        var code = await _server.CodeSentToAsync(to);

        var canceled = await _api.PostAsync($"/v1/verifications/{id}/cancel", null);

        Assert.Equal("canceled", (await canceled.JsonAsync()).Str("status"));
        await (await _api.PostAsync($"/v1/verifications/{id}/cancel", null)).ProblemAsync(404, "verification_not_found");
        await (await CheckAsync(id, code)).ProblemAsync(404, "verification_not_found");
    }

    [Fact]
    public async Task Resend_is_too_soon_for_30_seconds_then_sends_the_same_code()
    {
        var (id, to) = await StartAsync();
        var code = await _server.CodeSentToAsync(to);

        var tooSoon = await _api.PostAsync($"/v1/verifications/{id}/resend", null);
        var problem = await tooSoon.ProblemAsync(429, "resend_too_soon");
        Assert.Equal("30", tooSoon.Headers.RetryAfter?.ToString());
        Assert.Equal(30, problem.GetProperty("retryAfter").GetInt32());

        _server.Time.Advance(TimeSpan.FromSeconds(30));
        var resent = await _api.PostAsJsonAsync($"/v1/verifications/{id}/resend", new { channel = "sms" });
        var second = await _server.WaitForMessagesAsync(to, 2);

        Assert.Equal(HttpStatusCode.Accepted, resent.StatusCode);
        Assert.Equal("sms", (await resent.JsonAsync()).Str("channel"));
        Assert.Equal(code, VerigateTestServer.CodeOf(second[0]));
        Assert.Equal(HttpStatusCode.OK, (await CheckAsync(id, code)).StatusCode);
    }

    [Fact]
    public async Task Resend_on_another_channel_is_refused_because_the_destination_is_one_kind()
    {
        var (id, _) = await StartAsync();
        _server.Time.Advance(TimeSpan.FromSeconds(30));

        await (await _api.PostAsJsonAsync($"/v1/verifications/{id}/resend", new { channel = "email" })).ProblemAsync(400, "channel_unavailable");
    }

    [Fact]
    public async Task After_five_sends_resend_is_too_many_sends()
    {
        await using var server = new VerigateTestServer(VerigateTestServer.Relaxed(new Dictionary<string, string?>
        {
            ["RateLimits:SendsPerDestination:Count"] = "100",
            ["Codes:ResendCooldown"] = "00:00:01",
            ["Codes:MaxResendCooldown"] = "00:00:01",
        }));
        using var api = server.Integrator();
        var id = (await (await api.PostAsJsonAsync("/v1/verifications", new { to = "+4915100000001", channel = "sms" })).JsonAsync()).Str("id");
        for (var i = 0; i < 4; i++)
        {
            server.Time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync($"/v1/verifications/{id}/resend", null)).StatusCode);
        }

        server.Time.Advance(TimeSpan.FromSeconds(1));
        await (await api.PostAsync($"/v1/verifications/{id}/resend", null)).ProblemAsync(429, "too_many_sends");
    }

    [Fact]
    public async Task The_sixth_verification_to_one_number_within_ten_minutes_is_rate_limited_saying_which_limit_and_when()
    {
        await using var server = new VerigateTestServer(VerigateTestServer.Relaxed());
        using var api = server.Integrator();
        for (var i = 0; i < 5; i++)
        {
            var started = await api.PostAsJsonAsync("/v1/verifications", new { to = "+4915100000002", channel = "sms" });
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
            // Canceled, so the next start issues a new verification instead of answering with this pending one.
            await api.PostAsync($"/v1/verifications/{(await started.JsonAsync()).Str("id")}/cancel", null);
        }

        var limited = await api.PostAsJsonAsync("/v1/verifications", new { to = "+4915100000002", channel = "sms" });

        var problem = await limited.ProblemAsync(429, "rate_limited");
        Assert.Equal(120, problem.GetProperty("retryAfter").GetInt32());
        Assert.Equal("120", limited.Headers.RetryAfter?.ToString());
        Assert.Equal("sends_per_destination", problem.Str("limit"));
        Assert.Equal(
            "Too many codes sent to this phone number or email address: at most 5 per 10 minutes. Try again in 2 minutes.",
            problem.Str("detail"));
    }

    [Fact]
    public async Task The_end_users_ip_passed_by_the_integrator_is_limited_too()
    {
        await using var server = new VerigateTestServer(new Dictionary<string, string?> { ["RateLimits:SendsPerIp:Count"] = "2" });
        using var api = server.Integrator();
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/v1/verifications", new { to = $"+491510000001{i}", channel = "sms", clientIp = "203.0.113.7" })).StatusCode);
        }

        await (await api.PostAsJsonAsync("/v1/verifications", new { to = "+4915100000019", channel = "sms", clientIp = "203.0.113.7" })).ProblemAsync(429, "rate_limited");
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/v1/verifications", new { to = "+4915100000018", channel = "sms", clientIp = "203.0.113.8" })).StatusCode);
    }

    [Theory]
    [InlineData("+4990012345678", "sms")]
    [InlineData("+4930123456", "sms")]
    [InlineData("015112345678", "sms")]
    [InlineData("not-an-email", "email")]
    [InlineData("+4915112345678", "email")]
    public async Task Destinations_that_cannot_or_must_not_receive_codes_are_invalid_destination(string to, string channel) =>
        await (await _api.PostAsJsonAsync("/v1/verifications", new { to, channel })).ProblemAsync(400, "invalid_destination");

    [Fact]
    public async Task A_switched_off_channel_is_channel_unavailable()
    {
        await using var server = new VerigateTestServer(new Dictionary<string, string?> { ["Delivery:Sms:Enabled"] = "false" });
        using var api = server.Integrator();

        var problem = await (await api.PostAsJsonAsync("/v1/verifications", new { to = "+4915112345678", channel = "sms" })).ProblemAsync(400, "channel_unavailable");

        Assert.Equal("channel", problem.Str("field"));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(10)]
    public async Task Code_length_between_four_and_ten_is_honoured(int length)
    {
        var (_, to) = await StartAsync(new { codeLength = length });
        Assert.Equal(length, (await _server.CodeSentToAsync(to)).Length);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(11)]
    public async Task Code_length_outside_four_to_ten_is_invalid_request(int length)
    {
        var problem = await (await _api.PostAsJsonAsync("/v1/verifications", new { to = NextPhone(), channel = "sms", codeLength = length })).ProblemAsync(400, "invalid_request");
        Assert.Equal("codeLength", problem.Str("field"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-key-0123456789abcdefghijklmnopqrstuvwxyz")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ")]
    public async Task Requests_without_a_valid_api_key_are_401_with_a_bearer_challenge(string? authorization)
    {
        using var client = _server.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/verifications") { Content = JsonContent.Create(new { to = NextPhone(), channel = "sms" }) };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await client.SendAsync(request);

        await response.ProblemAsync(401, "unauthorized");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Another_api_key_cannot_see_check_or_cancel_a_verification()
    {
        var (id, to) = await StartAsync();
        var code = await _server.CodeSentToAsync(to);
        using var other = _server.Integrator(VerigateTestServer.OtherApiKey);

        await (await other.GetAsync($"/v1/verifications/{id}")).ProblemAsync(404, "verification_not_found");
        await (await CheckAsync(id, code, other)).ProblemAsync(404, "verification_not_found");
        await (await other.PostAsync($"/v1/verifications/{id}/cancel", null)).ProblemAsync(404, "verification_not_found");
        Assert.Equal(HttpStatusCode.OK, (await CheckAsync(id, code)).StatusCode);
    }

    [Fact]
    public async Task The_same_idempotency_key_and_body_replays_the_answer_and_sends_nothing_new()
    {
        var to = NextPhone();
        var body = JsonSerializer.Serialize(new { to, channel = "sms" });

        var first = await PostWithKeyAsync("/v1/verifications", body, "key-1");
        await _server.WaitForMessagesAsync(to);
        var second = await PostWithKeyAsync("/v1/verifications", body, "key-1");
        await Task.Delay(300);
        var messages = await _server.WaitForMessagesAsync(to);

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Single(messages);
    }

    [Fact]
    public async Task The_same_idempotency_key_with_another_body_is_422()
    {
        await PostWithKeyAsync("/v1/verifications", JsonSerializer.Serialize(new { to = NextPhone(), channel = "sms" }), "key-2");

        var reused = await PostWithKeyAsync("/v1/verifications", JsonSerializer.Serialize(new { to = NextPhone(), channel = "sms" }), "key-2");

        await reused.ProblemAsync(422, "idempotency_key_reused");
    }

    [Fact]
    public async Task A_failed_request_does_not_burn_its_idempotency_key()
    {
        var bad = await PostWithKeyAsync("/v1/verifications", "{\"to\":\"+4990012345678\",\"channel\":\"sms\"}", "key-3");
        var good = await PostWithKeyAsync("/v1/verifications", JsonSerializer.Serialize(new { to = NextPhone(), channel = "sms" }), "key-3");

        await bad.ProblemAsync(400, "invalid_destination");
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
    }

    [Fact]
    public async Task A_malformed_idempotency_key_is_invalid_request()
    {
        var response = await PostWithKeyAsync("/v1/verifications", JsonSerializer.Serialize(new { to = NextPhone(), channel = "sms" }), new string('k', 300));
        Assert.Equal("Idempotency-Key", (await response.ProblemAsync(400, "invalid_request")).Str("field"));
    }

    private Task<HttpResponseMessage> PostWithKeyAsync(string path, string json, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return _api.SendAsync(request);
    }
}
