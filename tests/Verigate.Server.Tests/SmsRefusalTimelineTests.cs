using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Verigate.Core.Audit;
using Verigate.Core.Storage;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests;

/// <summary>
/// What the SMS guard's refusals leave behind once the refused send is rolled back: an entry in the code's delivery
/// timeline ("didn't get the code?") when the code already existed, and an audit event with the reason, for the
/// Verify API and for sign-in alike.
/// </summary>
public sealed class SmsRefusalTimelineTests : IAsyncLifetime
{
    private VerigateTestServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new VerigateTestServer(VerigateTestServer.Relaxed(new Dictionary<string, string?>
        {
            ["SmsGuard:DailySmsBudget"] = "2",
            ["RateLimits:LoginsPerAccount:Count"] = "1000",
        }));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_verification_resend_refused_by_the_guard_shows_in_its_timeline_and_the_audit()
    {
        using var api = _server.Integrator();
        var started = await api.PostAsJsonAsync("/v1/verifications", new { to = "+4915190000011", channel = "sms" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var id = (await started.JsonAsync()).Str("id");
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/v1/verifications", new { to = "+4917690000012", channel = "sms" })).StatusCode);

        _server.Time.Advance(TimeSpan.FromSeconds(31));
        await (await api.PostAsJsonAsync($"/v1/verifications/{id}/resend", new { })).ProblemAsync(400, "channel_unavailable");

        var deliveries = (await api.GetFromJsonAsync<JsonElement>($"/v1/verifications/{id}")).GetProperty("deliveries").EnumerateArray().ToList();
        var refused = Assert.Single(deliveries, d => d.Str("status") == "refused");
        Assert.Contains("abuse guard", refused.Str("detail"), StringComparison.Ordinal);
        var audit = Assert.Single(await AuditOfChallengeAsync(id), e => e.Type == "sms.refused");
        Assert.Contains("reason=budget_spent", audit.Detail, StringComparison.Ordinal);
        Assert.Contains("prefix=+4915190", audit.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("+4915190000011", audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_in_code_and_its_resend_refused_by_the_guard_are_audited_and_the_resend_is_in_the_timeline()
    {
        // Sign-up by phone spends the first SMS of the day's budget of two; the sign-in code the second.
        var username = AccountSteps.UniqueName("phone");
        const string phone = "+4915190000021";
        using var anonymous = _server.Anonymous();
        var created = await anonymous.PostAsJsonAsync("/v1/accounts", new { username, password = AccountSteps.Password, phone });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var account = await created.JsonAsync();
        var code = await _server.CodeSentToAsync(phone);
        Assert.Equal(HttpStatusCode.Created, (await anonymous.PostAsJsonAsync($"/v1/challenges/{account.Str("challengeId")}/verify", new { code })).StatusCode);
        var userId = long.Parse(account.Str("userId"), System.Globalization.CultureInfo.InvariantCulture);

        var steps = new AccountSteps(_server);
        var login = await steps.LoginAsync(username);
        Assert.Equal(HttpStatusCode.Accepted, login.StatusCode);
        var challengeId = (await login.JsonAsync()).Str("challengeId");

        _server.Time.Advance(TimeSpan.FromSeconds(31));
        await (await anonymous.PostAsJsonAsync($"/v1/challenges/{challengeId}/resend", new { })).ProblemAsync(400, "channel_unavailable");
        var timeline = (await anonymous.GetFromJsonAsync<JsonElement>($"/v1/challenges/{challengeId}/deliveries")).EnumerateArray().ToList();
        var refused = Assert.Single(timeline, d => d.Str("status") == "refused");
        Assert.Contains("another way", refused.Str("hint"), StringComparison.Ordinal);

        await (await steps.LoginAsync(username)).ProblemAsync(400, "channel_unavailable");

        await using var read = await _server.Services.GetRequiredService<IStore>().OpenReadAsync(CancellationToken.None);
        var refusals = (await read.Audit.ListForUserAsync(userId, 100, CancellationToken.None)).Where(e => e.Type == "sms.refused").ToList();
        Assert.Equal(2, refusals.Count);
        Assert.Single(refusals, e => e.ChallengeId == challengeId);
        Assert.All(refusals, e => Assert.Contains("reason=budget_spent", e.Detail, StringComparison.Ordinal));
    }

    private async Task<IReadOnlyList<AuditEvent>> AuditOfChallengeAsync(string id)
    {
        await using var read = await _server.Services.GetRequiredService<IStore>().OpenReadAsync(CancellationToken.None);
        return await read.Audit.ListForChallengeAsync(id, CancellationToken.None);
    }
}
