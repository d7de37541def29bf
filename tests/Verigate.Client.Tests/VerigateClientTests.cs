using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Verigate.Client.Attempts;
using Verigate.Client.Verifications;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Client.Tests;

/// <summary>The client against the real server, registered the way an application registers it.</summary>
public sealed class VerigateClientTests : IAsyncLifetime
{
    private VerigateTestServer _server = null!;
    private ServiceProvider _services = null!;
    private VerigateClient _client = null!;
    private int _next;

    public Task InitializeAsync()
    {
        _server = new VerigateTestServer(VerigateTestServer.Relaxed());
        _services = Services(VerigateTestServer.ApiKey);
        _client = _services.GetRequiredService<VerigateClient>();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
    }

    private ServiceProvider Services(string apiKey)
    {
        using var probe = _server.CreateClient();
        var services = new ServiceCollection();
        services.AddVerigateClient(o =>
        {
            o.BaseAddress = probe.BaseAddress;
            o.ApiKey = apiKey;
        });
        return services.BuildServiceProvider();
    }

    private string NextPhone() => $"+49151{Interlocked.Increment(ref _next) + 44000000}";

    [Fact]
    public async Task Start_wrong_code_right_code_and_read_come_back_typed()
    {
        var to = NextPhone();
        var started = await _client.StartVerificationAsync(new StartVerification(to, "sms", Purpose: "login"));
        Assert.True(started.IsSuccess, started.Problem?.Detail);
        Assert.Equal("pending", started.Value.Status);
        Assert.Equal("login", started.Value.Purpose);
        Assert.Equal(5, started.Value.AttemptsRemaining);
        Assert.True(started.Value.ExpiresAt > DateTimeOffset.UtcNow.AddMinutes(-1));

        var code = await _server.CodeSentToAsync(to);
        var wrong = await _client.CheckVerificationAsync(started.Value.Id, code == "000000" ? "111111" : "000000");
        Assert.False(wrong.IsSuccess);
        Assert.Equal(422, wrong.Problem.Status);
        Assert.Equal(VerigateProblem.Codes.CodeIncorrect, wrong.Problem.Code);
        Assert.Equal(4, wrong.Problem.AttemptsRemaining);

        var right = await _client.CheckVerificationAsync(started.Value.Id, code);
        Assert.True(right.IsSuccess);
        Assert.Equal("approved", right.Value.Status);

        var details = await _client.GetVerificationAsync(started.Value.Id);
        Assert.True(details.IsSuccess);
        Assert.Equal("approved", details.Value.Status);
        Assert.NotEmpty(details.Value.Deliveries);
    }

    [Fact]
    public async Task Bad_input_limits_and_unknown_ids_are_problems_with_their_fields()
    {
        var bad = await _client.StartVerificationAsync(new StartVerification("not a number", "sms"));
        Assert.Equal(VerigateProblem.Codes.InvalidDestination, bad.Problem?.Code);
        Assert.Equal("to", bad.Problem?.Field);

        var started = await _client.StartVerificationAsync(new StartVerification(NextPhone(), "sms"));
        var tooSoon = await _client.ResendVerificationAsync(started.Value!.Id);
        Assert.Equal("resend_too_soon", tooSoon.Problem?.Code);
        Assert.Equal(429, tooSoon.Problem?.Status);
        Assert.True(tooSoon.Problem?.RetryAfter > TimeSpan.Zero);

        _server.Time.Advance(TimeSpan.FromSeconds(31));
        var resent = await _client.ResendVerificationAsync(started.Value.Id);
        Assert.True(resent.IsSuccess, resent.Problem?.Detail);

        Assert.Equal("canceled", (await _client.CancelVerificationAsync(started.Value.Id)).Value?.Status);
        Assert.Equal(VerigateProblem.Codes.VerificationNotFound, (await _client.GetVerificationAsync("VE" + new string('0', 32))).Problem?.Code);
        Assert.Equal(VerigateProblem.Codes.VerificationNotFound, (await _client.CancelVerificationAsync(started.Value.Id)).Problem?.Code);
    }

    [Fact]
    public async Task An_idempotency_key_replays_the_first_start()
    {
        var request = new StartVerification(NextPhone(), "sms");
        var first = await _client.StartVerificationAsync(request, "order-42");
        var again = await _client.StartVerificationAsync(request, "order-42");
        Assert.Equal(first.Value?.Id, again.Value?.Id);
    }

    [Fact]
    public async Task A_wrong_api_key_is_unauthorized_and_bad_options_are_refused()
    {
        await using var wrong = Services("wrong-key-0123456789abcdefghijklmnopqrstuvwxyz");
        var refused = await wrong.GetRequiredService<VerigateClient>().StartVerificationAsync(new StartVerification(NextPhone(), "sms"));
        Assert.Equal(VerigateProblem.Codes.Unauthorized, refused.Problem?.Code);
        Assert.Equal(401, refused.Problem?.Status);

        var services = new ServiceCollection();
        services.AddVerigateClient(o => o.ApiKey = "k");
        await using var provider = services.BuildServiceProvider();
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<VerigateClient>());
    }

    [Fact]
    public async Task Attempts_summary_and_list_reflect_conversions_and_filters()
    {
        var converted = NextPhone();
        var started = await _client.StartVerificationAsync(new StartVerification(converted, "sms"));
        await _client.CheckVerificationAsync(started.Value!.Id, await _server.CodeSentToAsync(converted));
        await _client.StartVerificationAsync(new StartVerification("+33612345699", "sms"));

        var all = await _client.GetAttemptsSummaryAsync();
        Assert.True(all.IsSuccess, all.Problem?.Detail);
        Assert.True(all.Value.Total >= 2);
        var french = await _client.GetAttemptsSummaryAsync(new AttemptFilter(Country: "FR", From: DateTimeOffset.UnixEpoch));
        Assert.Equal(new AttemptsSummary(1, 0, 1, 0), french.Value);

        var page = await _client.ListAttemptsAsync(new AttemptFilter(Prefix: converted[..^4]), limit: 10);
        Assert.True(page.IsSuccess, page.Problem?.Detail);
        Assert.Contains(page.Value.Attempts, a => a.VerificationId == started.Value.Id && a.Converted);

        var bad = await _client.ListAttemptsAsync(new AttemptFilter(Country: "france"));
        Assert.Equal("country", bad.Problem?.Field);
    }
}
