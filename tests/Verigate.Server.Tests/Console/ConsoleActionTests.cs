using System.Net;
using System.Net.Http.Json;
using Verigate.Core.Audit;
using Verigate.Core.Staff;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests.Console;

/// <summary>
/// The console's actions over HTTP: who may act (a verified caller's agent, or an admin), the reason each needs, and
/// for each its effect, its audit event with the staff member, the line in the person's activity and their notice.
/// </summary>
public sealed class ConsoleActionTests : IAsyncLifetime
{
    private const string NoticeSubject = "Our support team made a change to your";
    private VerigateTestServer _server = null!;
    private ConsoleSteps _console = null!;
    private AccountSteps _accounts = null!;

    public Task InitializeAsync()
    {
        _server = new VerigateTestServer(VerigateTestServer.Relaxed(new Dictionary<string, string?>
        {
            ["RateLimits:LoginsPerAccount:Count"] = "1000",
            ["RateLimits:SendsPerDestination:Count"] = "1000",
            ["RateLimits:SendsPerAccount:Count"] = "1000",
            ["RateLimits:ResendsPerChallenge:Count"] = "1000",
        }));
        _console = new ConsoleSteps(_server);
        _accounts = new AccountSteps(_server);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private sealed record Person(string UserId, string Username, string Email, string Session);

    private async Task<Person> PersonAsync()
    {
        var p = await _accounts.SignUpAsync();
        return new Person(p.UserId, p.Username, p.Email, p.SessionToken);
    }

    /// <summary>An agent who verified <paramref name="person"/>'s call with the PIN the person created.</summary>
    private async Task<(HttpClient Agent, ConsoleSteps.StaffLogin Login)> VerifiedAgentAsync(Person person)
    {
        using var me = _server.SignedIn(person.Session);
        var pin = (await (await me.PostAsync("/v1/me/support-pin", null)).JsonAsync()).Str("pin");
        var (agent, login) = await _console.SignedInAsync(StaffRole.Agent);
        var path = "/console/accounts/" + person.UserId;
        Assert.Equal(HttpStatusCode.Redirect, (await ConsoleSteps.PostFormAsync(agent, path, new() { ["pin"] = pin }, action: path + "?handler=Verify")).StatusCode);
        return (agent, login);
    }

    private static Task<HttpResponseMessage> ActAsync(HttpClient client, Person person, string action, string? reason = "Caller asked on the phone", string? challengeId = null, string? channel = null)
    {
        var path = "/console/accounts/" + person.UserId;
        var fields = new Dictionary<string, string> { ["action"] = action };
        if (reason is not null)
        {
            fields["reason"] = reason;
        }

        if (challengeId is not null)
        {
            fields["challengeId"] = challengeId;
        }

        if (channel is not null)
        {
            fields["channel"] = channel;
        }

        return ConsoleSteps.PostFormAsync(client, path, fields, action: path + "?handler=Act");
    }

    private async Task AssertRecordedAsync(Person person, string action, string staffName, int notices = 1)
    {
        var audit = (await _console.AuditAsync(AuditEventTypes.SupportActionTaken)).Where(a => a.Detail!.Contains("action=" + action + " ", StringComparison.Ordinal)).ToList();
        var one = Assert.Single(audit);
        Assert.Equal(("staff:" + staffName, long.Parse(person.UserId, System.Globalization.CultureInfo.InvariantCulture)), (one.Actor, one.UserId!.Value));
        Assert.Contains("reason=Caller asked on the phone", one.Detail, StringComparison.Ordinal);
        var messages = await _server.WaitForMessagesAsync(person.Email, 1);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (messages.Count(m => m.Subject?.StartsWith(NoticeSubject, StringComparison.Ordinal) == true) < notices && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            messages = await _server.WaitForMessagesAsync(person.Email, 1);
        }

        Assert.Equal(notices, messages.Count(m => m.Subject?.StartsWith(NoticeSubject, StringComparison.Ordinal) == true));
    }

    private async Task AssertInActivityAsync(string session)
    {
        using var me = _server.SignedIn(session);
        var activity = await me.GetFromJsonAsync<System.Text.Json.JsonElement>("/v1/me/activity");
        Assert.Contains(activity.EnumerateArray(), e => e.Str("type") == "support_action");
    }

    [Fact]
    public async Task An_agent_cannot_act_before_verifying_the_caller_an_admin_can_with_a_reason_and_every_action_needs_a_reason()
    {
        var person = await PersonAsync();
        var (agent, _) = await _console.SignedInAsync(StaffRole.Agent);
        var (admin, adminLogin) = await _console.SignedInAsync(StaffRole.Admin);
        using (agent)
        using (admin)
        {
            var refused = await ActAsync(agent, person, "sign_out_everywhere");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("Verify the caller with their support PIN first.", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.BadRequest, (await ActAsync(admin, person, "sign_out_everywhere", reason: null)).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await ActAsync(admin, person, "sign_out_everywhere", reason: "ok")).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await ActAsync(admin, person, "show_the_code")).StatusCode);
            Assert.Empty(await _console.AuditAsync(AuditEventTypes.SupportActionTaken));

            var done = await ActAsync(admin, person, "sign_out_everywhere");
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
            Assert.Equal("/console/accounts/" + person.UserId + "?done=sign_out_everywhere", done.Headers.Location?.OriginalString);
        }

        using var me = _server.SignedIn(person.Session);
        Assert.Equal(HttpStatusCode.Unauthorized, (await me.GetAsync("/v1/me")).StatusCode);
        await AssertRecordedAsync(person, "sign_out_everywhere", adminLogin.Name);
    }

    [Fact]
    public async Task Locking_sign_in_refuses_the_right_password_with_a_stable_code_a_wrong_one_as_usual_and_unlocking_lets_it_in()
    {
        var person = await PersonAsync();
        var (agent, login) = await VerifiedAgentAsync(person);
        using (agent)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(agent, person, "lock_sign_in")).StatusCode);
            Assert.Contains("Locked by support", await agent.GetStringAsync("/console/accounts/" + person.UserId), StringComparison.Ordinal);
            await (await _accounts.LoginAsync(person.Username)).ProblemAsync(403, "sign_in_locked");
            await (await _accounts.LoginAsync(person.Username, "not the password")).ProblemAsync(401, "invalid_credentials");
            await AssertInActivityAsync(person.Session);

            Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(agent, person, "unlock_sign_in")).StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, (await _accounts.LoginAsync(person.Username)).StatusCode);
        }

        await AssertRecordedAsync(person, "lock_sign_in", login.Name, notices: 2);
        await AssertRecordedAsync(person, "unlock_sign_in", login.Name, notices: 2);
        Assert.Contains(await _console.AuditAsync(AuditEventTypes.LoginFailed), e => e.Detail == "reason=sign_in_locked");
    }

    [Fact]
    public async Task A_pending_code_is_resent_by_email_or_canceled_and_a_code_of_another_account_is_not_found()
    {
        var person = await PersonAsync();
        var other = await PersonAsync();
        var pending = await _accounts.LoginAsync(person.Username);
        Assert.Equal(HttpStatusCode.Accepted, pending.StatusCode);
        var challengeId = (await pending.JsonAsync()).Str("challengeId");
        var before = (await _server.WaitForMessagesAsync(person.Email, 2)).Count;
        var (agent, login) = await VerifiedAgentAsync(person);
        using (agent)
        {
            var html = await agent.GetStringAsync("/console/accounts/" + person.UserId);
            Assert.Contains("challenge-" + challengeId, html, StringComparison.Ordinal);
            _server.Time.Advance(TimeSpan.FromSeconds(61));
            Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(agent, person, "resend_code", challengeId: challengeId, channel: "email")).StatusCode);
            var messages = await _server.WaitForMessagesAsync(person.Email, before + 2);
            var code = VerigateTestServer.CodeOf(messages.First(m => m.Subject?.StartsWith(NoticeSubject, StringComparison.Ordinal) != true));
            await AssertRecordedAsync(person, "resend_code", login.Name);

            Assert.Equal(HttpStatusCode.NotFound, (await ActAsync(agent, person, "cancel_code", challengeId: "ch_not_this_accounts")).StatusCode);
            var othersCode = (await (await _accounts.LoginAsync(other.Username)).JsonAsync()).Str("challengeId");
            Assert.Equal(HttpStatusCode.NotFound, (await ActAsync(agent, person, "cancel_code", challengeId: othersCode)).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(agent, person, "cancel_code", challengeId: challengeId)).StatusCode);
            using var anonymous = _server.Anonymous();
            var verify = await anonymous.PostAsJsonAsync($"/v1/challenges/{challengeId}/verify", new { code });
            Assert.NotEqual(HttpStatusCode.Created, verify.StatusCode);
            await AssertRecordedAsync(person, "cancel_code", login.Name, notices: 2);
            await AssertInActivityAsync(person.Session);
        }
    }

    [Fact]
    public async Task A_password_reset_sends_its_code_to_the_person_and_nothing_to_the_agent()
    {
        var person = await PersonAsync();
        var before = (await _server.WaitForMessagesAsync(person.Email, 1)).Count;
        var (agent, login) = await VerifiedAgentAsync(person);
        using (agent)
        {
            var done = await ActAsync(agent, person, "password_reset");
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
            var messages = await _server.WaitForMessagesAsync(person.Email, before + 2);
            var reset = messages.First(m => m.Subject?.StartsWith(NoticeSubject, StringComparison.Ordinal) != true);
            var page = await agent.GetStringAsync(done.Headers.Location!.OriginalString);
            Assert.DoesNotContain(VerigateTestServer.CodeOf(reset), page, StringComparison.Ordinal);
            Assert.Contains("Password reset", page, StringComparison.Ordinal);
        }

        await AssertRecordedAsync(person, "password_reset", login.Name);
        await AssertInActivityAsync(person.Session);
    }

    [Fact]
    public async Task Forgetting_devices_and_canceling_a_recovery_that_does_not_exist_answer_as_they_should()
    {
        var person = await PersonAsync();
        var (agent, login) = await VerifiedAgentAsync(person);
        using (agent)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(agent, person, "forget_devices")).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await ActAsync(agent, person, "cancel_account_recovery")).StatusCode);
        }

        await AssertRecordedAsync(person, "forget_devices", login.Name);
        Assert.DoesNotContain(await _console.AuditAsync(AuditEventTypes.SupportActionTaken), a => a.Detail!.Contains("cancel_account_recovery", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_admin_starts_the_recovery_of_a_lost_second_factor_and_every_contact_is_told_with_a_cancel_link()
    {
        var person = await PersonAsync();
        var (admin, login) = await _console.SignedInAsync(StaffRole.Admin);
        using (admin)
        {
            // Without a second factor there is nothing to recover from.
            Assert.Equal(HttpStatusCode.BadRequest, (await ActAsync(admin, person, "start_account_recovery")).StatusCode);

            using (var me = _server.SignedIn(person.Session))
            {
                var secret = OtpNet.Base32Encoding.ToBytes((await (await me.PostAsync("/v1/me/totp", null)).JsonAsync()).Str("secret"));
                var code = new OtpNet.Totp(secret).ComputeTotp(_server.Time.GetUtcNow().UtcDateTime);
                Assert.Equal(HttpStatusCode.OK, (await me.PostAsJsonAsync("/v1/me/totp/confirm", new { code })).StatusCode);
            }

            Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(admin, person, "start_account_recovery")).StatusCode);
            var view = await admin.GetStringAsync("/console/accounts/" + person.UserId);
            Assert.Contains("Waiting until", view, StringComparison.Ordinal);

            // A second start while one is waiting is refused and records nothing more.
            Assert.Equal(HttpStatusCode.BadRequest, (await ActAsync(admin, person, "start_account_recovery")).StatusCode);
        }

        await AssertRecordedAsync(person, "start_account_recovery", login.Name);
        var messages = await _server.WaitForMessagesAsync(person.Email, 1);
        var told = Assert.Single(messages, m => m.Subject?.StartsWith("Someone asked to remove two-step sign-in", StringComparison.Ordinal) == true);
        Assert.Contains("/links/vgl_", told.Body, StringComparison.Ordinal);
        await AssertInActivityAsync(person.Session);
    }

    [Fact]
    public async Task Staff_actions_are_rate_limited_per_staff_member()
    {
        var person = await PersonAsync();
        var (admin, _) = await _console.SignedInAsync(StaffRole.Admin);
        using (admin)
        {
            HttpResponseMessage last = null!;
            for (var i = 0; i < 61; i++)
            {
                last = await ActAsync(admin, person, i % 2 == 0 ? "lock_sign_in" : "unlock_sign_in");
            }

            Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        }
    }
}
