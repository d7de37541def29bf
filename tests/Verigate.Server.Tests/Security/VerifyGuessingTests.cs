using System.Net;
using System.Net.Http.Json;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests.Security;

/// <summary>Guessing across many verifications to one destination is paused, per API key, with growing waits.</summary>
public sealed class VerifyGuessingTests : IAsyncLifetime
{
    private VerigateTestServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new VerigateTestServer(VerigateTestServer.Relaxed(new Dictionary<string, string?> { ["RateLimits:SendsPerDestination:Count"] = "100" }));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static async Task<string> StartAsync(HttpClient api, string to)
    {
        var started = await api.PostAsJsonAsync("/v1/verifications", new { to, channel = "sms", codeLength = 4 });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return (await started.JsonAsync()).Str("id");
    }

    [Fact]
    public async Task Ten_wrong_checks_across_verifications_to_one_number_pause_checks_to_it_for_that_key()
    {
        using var api = _server.Integrator();
        const string target = "+4915170000001";
        for (var verification = 0; verification < 2; verification++)
        {
            var id = await StartAsync(api, target);
            var wrong = ((int.Parse(await _server.CodeSentToAsync(target, verification + 1), System.Globalization.CultureInfo.InvariantCulture) + 1) % 10000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
            for (var guess = 0; guess < 5; guess++)
            {
                await (await api.PostAsJsonAsync($"/v1/verifications/{id}/check", new { code = wrong })).ProblemAsync(422, "code_incorrect");
            }
        }

        var fresh = await StartAsync(api, target);
        var code = await _server.CodeSentToAsync(target, 3);
        var paused = await api.PostAsJsonAsync($"/v1/verifications/{fresh}/check", new { code });
        await paused.ProblemAsync(429, "rate_limited");
        Assert.Equal(TimeSpan.FromMinutes(1), paused.Headers.RetryAfter?.Delta);

        // Another number, and another API key's verifications to the same number, are not affected.
        var elsewhere = await StartAsync(api, "+4915170000002");
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync($"/v1/verifications/{elsewhere}/check", new { code = await _server.CodeSentToAsync("+4915170000002") })).StatusCode);
        using var otherKey = _server.Integrator(VerigateTestServer.OtherApiKey);
        var theirs = await StartAsync(otherKey, target);
        Assert.Equal(HttpStatusCode.OK, (await otherKey.PostAsJsonAsync($"/v1/verifications/{theirs}/check", new { code = await _server.CodeSentToAsync(target, 4) })).StatusCode);

        // After the wait the right code passes, and the count starts again.
        _server.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync($"/v1/verifications/{fresh}/check", new { code })).StatusCode);
    }
}
