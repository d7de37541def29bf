using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Verigate.Core.Audit;
using Verigate.Core.Staff;
using Verigate.Core.Storage;
using Verigate.Server.Tests.Delivery;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests.Console;

/// <summary>
/// The console's delivery health, audit log and admin pages over HTTP: who may open and post to each, the exact
/// figures of a seeded mix of sends (through the Verify API, a real HTTP SMS gateway with its callbacks, and the
/// development inbox for email), the audit viewer's filters, paging and CSV, and that no page shows a code,
/// a secret or an address.
/// </summary>
public sealed partial class ConsoleHealthAuditAdminTests : IAsyncLifetime
{
    private FakeSmsGateway _gateway = null!;
    private VerigateTestServer _server = null!;
    private ConsoleSteps _console = null!;

    public Task InitializeAsync()
    {
        _gateway = new FakeSmsGateway();
        var port = LoopbackPort.Free();
        _server = new VerigateTestServer(VerigateTestServer.Relaxed(new Dictionary<string, string?>
        {
            ["Delivery:Sms:Http:Url"] = _gateway.Url,
            ["Delivery:Sms:Http:AuthValue"] = "Bearer gateway-secret",
            ["Delivery:Sms:CallbackBaseUrl"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/",
            ["Delivery:DevInbox"] = "On",
            ["RateLimits:LoginsPerAccount:Count"] = "1000",
        }), port: port);
        _console = new ConsoleSteps(_server);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _gateway.DisposeAsync();
    }

    private static readonly string[] AgentRoutes = ["/console/delivery-health", "/console/delivery-health?window=week", "/console/audit", "/console/audit?handler=csv"];
    private static readonly string[] AdminRoutes = ["/console/admin/api-keys", "/console/admin/staff"];

    // ---- who may do what ----

    [Fact]
    public async Task Without_a_console_session_or_with_a_persons_session_every_route_sends_to_the_console_sign_in()
    {
        var person = await new AccountSteps(_server).SignUpAsync();
        using var anonymous = _console.NewClient();
        using var personClient = _console.WithCookie("vg_session=" + person.SessionToken);

        foreach (var client in new[] { anonymous, personClient })
        {
            foreach (var route in AgentRoutes.Concat(AdminRoutes))
            {
                var answer = await client.GetAsync(route);
                Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
                Assert.Equal("/console/sign-in", answer.Headers.Location?.OriginalString);
            }

            // A post needs the console session before anything else (the antiforgery token of a person's page is no help).
            var page = await client.GetStringAsync("/");
            foreach (var action in new[] { "/console/admin/api-keys?handler=create", "/console/admin/staff?handler=create" })
            {
                var posted = await ConsoleSteps.PostFormAsync(client, "/", new() { ["name"] = "sneaky", ["role"] = "admin" }, page, action);
                Assert.Contains(posted.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.BadRequest });
            }
        }

        await AssertNoKeyOrStaffNamedAsync("sneaky");
    }

    [Fact]
    public async Task An_agent_opens_health_and_audit_but_gets_403_on_every_admin_page_and_action()
    {
        var (agent, _) = await _console.SignedInAsync(StaffRole.Agent);
        using (agent)
        {
            foreach (var route in AgentRoutes)
            {
                Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync(route)).StatusCode);
            }

            foreach (var route in AdminRoutes)
            {
                Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync(route)).StatusCode);
            }

            // With a valid antiforgery token of the agent's own console page: still 403, and nothing changes.
            var page = await agent.GetStringAsync("/console/audit");
            foreach (var action in new[] { "/console/admin/api-keys?handler=create", "/console/admin/api-keys?handler=revoke", "/console/admin/staff?handler=create", "/console/admin/staff?handler=disable", "/console/admin/staff?handler=renew" })
            {
                var posted = await ConsoleSteps.PostFormAsync(agent, "/console/audit", new() { ["name"] = "sneaky", ["role"] = "admin" }, page, action);
                Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
            }
        }

        await AssertNoKeyOrStaffNamedAsync("sneaky");
    }

    [Fact]
    public async Task An_admin_post_without_the_antiforgery_token_is_refused_and_changes_nothing()
    {
        var (admin, _) = await _console.SignedInAsync(StaffRole.Admin);
        using (admin)
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "sneaky" });
            Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/console/admin/api-keys?handler=create", form)).StatusCode);
            using var staffForm = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "sneaky", ["role"] = "admin" });
            Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/console/admin/staff?handler=create", staffForm)).StatusCode);
        }

        await AssertNoKeyOrStaffNamedAsync("sneaky");
    }

    private async Task AssertNoKeyOrStaffNamedAsync(string name)
    {
        await using var read = await _server.Services.GetRequiredService<IStore>().OpenReadAsync(CancellationToken.None);
        Assert.DoesNotContain(await read.ApiKeys.ListAsync(CancellationToken.None), k => k.Name == name);
        Assert.Null(await read.Staff.FindByNameAsync(name, CancellationToken.None));
    }

    // ---- admin pages ----

    [Fact]
    public async Task An_admin_creates_a_key_seen_once_that_works_then_revokes_it_and_both_are_audited_with_the_admin()
    {
        var (admin, login) = await _console.SignedInAsync(StaffRole.Admin);
        using (admin)
        {
            var created = await ConsoleSteps.PostFormAsync(admin, "/console/admin/api-keys", new() { ["name"] = "shop-backend" }, action: "/console/admin/api-keys?handler=create");
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
            var html = await created.Content.ReadAsStringAsync();
            var secret = NewKey().Match(html).Groups[1].Value;
            Assert.StartsWith("vgk_", secret, StringComparison.Ordinal);

            using (var api = _server.Integrator(secret))
            {
                Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/v1/verifications", new { to = "keytest@example.org", channel = "email" })).StatusCode);
            }

            var list = await admin.GetStringAsync("/console/admin/api-keys");
            Assert.Contains("shop-backend", list, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, list, StringComparison.Ordinal);

            var taken = await ConsoleSteps.PostFormAsync(admin, "/console/admin/api-keys", new() { ["name"] = "shop-backend" }, action: "/console/admin/api-keys?handler=create");
            Assert.Contains("exists already", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var invalid = await ConsoleSteps.PostFormAsync(admin, "/console/admin/api-keys", new() { ["name"] = "no spaces; please" }, action: "/console/admin/api-keys?handler=create");
            Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
            Assert.Contains("A key name has 1 to 64", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            var revoked = await ConsoleSteps.PostFormAsync(admin, "/console/admin/api-keys", new() { ["name"] = "shop-backend" }, action: "/console/admin/api-keys?handler=revoke");
            Assert.Contains("revoked", await revoked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            using (var api = _server.Integrator(secret))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsJsonAsync("/v1/verifications", new { to = "keytest@example.org", channel = "email" })).StatusCode);
            }

            var again = await ConsoleSteps.PostFormAsync(admin, "/console/admin/api-keys", new() { ["name"] = "shop-backend" }, action: "/console/admin/api-keys?handler=revoke");
            Assert.Contains("No active key has this name.", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var audit = await _console.AuditAsync(AuditEventTypes.ApiKeyCreated, AuditEventTypes.ApiKeyRevoked);
        Assert.Equal([(AuditEventTypes.ApiKeyCreated, "staff:" + login.Name), (AuditEventTypes.ApiKeyRevoked, "staff:" + login.Name)],
            audit.Select(a => (a.Type, a.Actor!)));
    }

    [Fact]
    public async Task An_admin_adds_staff_with_a_setup_link_shown_once_and_disables_them_but_not_themselves()
    {
        var (admin, login) = await _console.SignedInAsync(StaffRole.Admin);
        using (admin)
        {
            var created = await ConsoleSteps.PostFormAsync(admin, "/console/admin/staff", new() { ["name"] = "Bea.Night", ["role"] = "agent" }, action: "/console/admin/staff?handler=create");
            var html = await created.Content.ReadAsStringAsync();
            var link = SetupLink().Match(html).Groups[1].Value;
            Assert.Contains("/console/setup/", link, StringComparison.Ordinal);
            using (var newcomer = _console.NewClient())
            {
                Assert.Equal(HttpStatusCode.OK, (await newcomer.GetAsync(new Uri(link).PathAndQuery)).StatusCode);
            }

            var list = await admin.GetStringAsync("/console/admin/staff");
            Assert.Contains("bea.night", list, StringComparison.Ordinal);
            Assert.DoesNotContain(new Uri(link).PathAndQuery, list, StringComparison.Ordinal);

            var badRole = await ConsoleSteps.PostFormAsync(admin, "/console/admin/staff", new() { ["name"] = "someone", ["role"] = "root" }, action: "/console/admin/staff?handler=create");
            Assert.Contains("Choose a role", await badRole.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var taken = await ConsoleSteps.PostFormAsync(admin, "/console/admin/staff", new() { ["name"] = "bea.night", ["role"] = "agent" }, action: "/console/admin/staff?handler=create");
            Assert.Contains("exists already", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            var self = await ConsoleSteps.PostFormAsync(admin, "/console/admin/staff", new() { ["name"] = login.Name }, action: "/console/admin/staff?handler=disable");
            Assert.Contains("cannot disable yourself", await self.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var disabled = await ConsoleSteps.PostFormAsync(admin, "/console/admin/staff", new() { ["name"] = " Bea.Night " }, action: "/console/admin/staff?handler=disable");
            Assert.Contains("bea.night is disabled", await disabled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var nameless = await ConsoleSteps.PostFormAsync(admin, "/console/admin/staff", new(), action: "/console/admin/staff?handler=disable");
            Assert.Contains("No enabled staff member has this name.", await nameless.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var audit = await _console.AuditAsync(AuditEventTypes.StaffCreated, AuditEventTypes.StaffDisabled);
        Assert.Contains(audit, a => a.Type == AuditEventTypes.StaffCreated && a.Actor == "staff:" + login.Name && a.Detail == "staff=bea.night role=agent");
        Assert.Contains(audit, a => a.Type == AuditEventTypes.StaffDisabled && a.Actor == "staff:" + login.Name && a.Detail!.StartsWith("staff=bea.night", StringComparison.Ordinal));
        Assert.DoesNotContain(audit, a => a.Type == AuditEventTypes.StaffDisabled && a.Detail!.Contains(login.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_admin_renews_a_members_setup_link_which_signs_them_out_and_ends_the_old_link_but_not_their_own()
    {
        var (member, memberLogin) = await _console.SignedInAsync(StaffRole.Agent);
        var (pendingName, oldLink) = await _console.CreateAsync(StaffRole.Agent);
        var (admin, login) = await _console.SignedInAsync(StaffRole.Admin);
        using (member)
        using (admin)
        {
            var list = await admin.GetStringAsync("/console/admin/staff");
            Assert.Contains($"aria-label=\"New setup link for {memberLogin.Name}\"", list, StringComparison.Ordinal);
            Assert.DoesNotContain($"aria-label=\"New setup link for {login.Name}\"", list, StringComparison.Ordinal);

            // A member who lost their phone: signed out at once, and a new link shown this once.
            var renewed = await ConsoleSteps.PostFormAsync(admin, "/console/admin/staff", new() { ["name"] = memberLogin.Name }, list, "/console/admin/staff?handler=renew");
            var html = await renewed.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
            Assert.Contains($"New setup link for {memberLogin.Name}</h2>", html, StringComparison.Ordinal);
            var link = new Uri(SetupLink().Match(html).Groups[1].Value);
            var away = await member.GetAsync("/console/audit");
            Assert.Equal(HttpStatusCode.Redirect, away.StatusCode);
            Assert.Equal("/console/sign-in", away.Headers.Location?.OriginalString);
            using (var thief = _console.NewClient())
            {
                // Whoever has the lost phone and the old password gets nowhere: both were cleared with the renewal.
                Assert.NotEqual(HttpStatusCode.Redirect, (await _console.SignInAsync(thief, memberLogin)).StatusCode);
            }

            Assert.Matches(new Regex($"<td>{Regex.Escape(memberLogin.Name)}</td>(?:(?!</tr>).)*Setup pending", RegexOptions.Singleline), await admin.GetStringAsync("/console/admin/staff"));
            using (var newcomer = _console.NewClient())
            {
                Assert.Equal(HttpStatusCode.OK, (await newcomer.GetAsync(link.PathAndQuery)).StatusCode);
            }

            Assert.DoesNotContain(link.PathAndQuery, await admin.GetStringAsync("/console/admin/staff"), StringComparison.Ordinal);

            // A member whose setup is still pending: the link given before stops working.
            var again = await ConsoleSteps.PostFormAsync(admin, "/console/admin/staff", new() { ["name"] = pendingName }, action: "/console/admin/staff?handler=renew");
            var newLink = new Uri(SetupLink().Match(await again.Content.ReadAsStringAsync()).Groups[1].Value);
            using (var newcomer = _console.NewClient())
            {
                Assert.Equal(HttpStatusCode.NotFound, (await newcomer.GetAsync(oldLink)).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await newcomer.GetAsync(newLink.PathAndQuery)).StatusCode);
            }

            // Not oneself (it would sign the admin out mid-answer), nor anyone unknown or disabled.
            var self = await ConsoleSteps.PostFormAsync(admin, "/console/admin/staff", new() { ["name"] = login.Name.ToUpperInvariant() }, action: "/console/admin/staff?handler=renew");
            Assert.Contains("cannot renew your own setup link", await self.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/console/admin/staff")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await ConsoleSteps.PostFormAsync(admin, "/console/admin/staff", new() { ["name"] = pendingName }, action: "/console/admin/staff?handler=disable")).StatusCode);
            foreach (var name in new[] { pendingName, "nobody.here" })
            {
                var refused = await ConsoleSteps.PostFormAsync(admin, "/console/admin/staff", new() { ["name"] = name }, action: "/console/admin/staff?handler=renew");
                var refusedHtml = await refused.Content.ReadAsStringAsync();
                Assert.Contains("No enabled staff member has this name.", refusedHtml, StringComparison.Ordinal);
                Assert.DoesNotContain("id=\"setup-link\"", refusedHtml, StringComparison.Ordinal);
            }

            var missing = await ConsoleSteps.PostFormAsync(admin, "/console/admin/staff", new(), action: "/console/admin/staff?handler=renew");
            Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
            Assert.Contains("No enabled staff member has this name.", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var audit = await _console.AuditAsync(AuditEventTypes.StaffSetupRenewed);
        Assert.Equal([("staff:" + login.Name, "staff=" + memberLogin.Name), ("staff:" + login.Name, "staff=" + pendingName)], audit.Select(a => (a.Actor!, a.Detail!)));
    }

    [Fact]
    public async Task An_admins_changes_are_rate_limited_per_admin()
    {
        var (admin, _) = await _console.SignedInAsync(StaffRole.Admin);
        using (admin)
        {
            var page = await admin.GetStringAsync("/console/admin/api-keys");
            for (var i = 0; i < 30; i++)
            {
                var revoke = await ConsoleSteps.PostFormAsync(admin, "/console/admin/api-keys", new() { ["name"] = "missing" + i }, page, "/console/admin/api-keys?handler=revoke");
                Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
            }

            var limited = await ConsoleSteps.PostFormAsync(admin, "/console/admin/api-keys", new() { ["name"] = "one-too-many" }, page, "/console/admin/api-keys?handler=create");
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.DoesNotContain("vgk_", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var staff = await ConsoleSteps.PostFormAsync(admin, "/console/admin/staff", new() { ["name"] = "one-too-many", ["role"] = "agent" }, page, "/console/admin/staff?handler=create");
            Assert.Equal(HttpStatusCode.TooManyRequests, staff.StatusCode);
        }

        await AssertNoKeyOrStaffNamedAsync("one-too-many");

        // Another admin is not held back by the first one's count.
        var (other, _) = await _console.SignedInAsync(StaffRole.Admin);
        using (other)
        {
            var created = await ConsoleSteps.PostFormAsync(other, "/console/admin/api-keys", new() { ["name"] = "one-too-many" }, action: "/console/admin/api-keys?handler=create");
            Assert.Contains("vgk_", await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    // ---- delivery health ----

    [Fact]
    public async Task Delivery_health_shows_exactly_the_figures_of_a_seeded_mix_of_delivered_failed_and_unconverted_sends()
    {
        using var api = _server.Integrator();
        var stem = "+49151" + Random.Shared.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);

        // Email through the development inbox (delivered when sent): two to gmail.com, one checked right; one elsewhere, unchecked.
        var mails = new[] { $"ann{stem[^4..]}@gmail.com", $"bob{stem[^4..]}@gmail.com", $"cy{stem[^4..]}@example.org" };
        var mailIds = new List<string>();
        foreach (var to in mails)
        {
            mailIds.Add(await KannelDeliveryTests.StartAsync(api, to, "email"));
        }

        var annCode = await _server.CodeSentToAsync(mails[0]);
        await _server.WaitForMessagesAsync(mails[1]);
        await _server.WaitForMessagesAsync(mails[2]);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync($"/v1/verifications/{mailIds[0]}/check", new { code = annCode })).StatusCode);

        // SMS through the gateway: delivered after 2 s (checked right), delivered after 10 s, refused by the gateway (…0016), only accepted.
        string[] phones = [stem + "1001", stem + "1002", stem + "0016", stem + "1004"];
        var smsIds = new List<string>();
        foreach (var to in phones)
        {
            smsIds.Add(await KannelDeliveryTests.StartAsync(api, to));
        }

        var first = await _gateway.WaitForAsync(phones[0]);
        var second = await _gateway.WaitForAsync(phones[1]);
        var fourth = await _gateway.WaitForAsync(phones[3]);
        await SmtpDeliveryTests.WaitForDeliveriesAsync(api, smsIds[2], d => d.Str("status") == "failed");
        foreach (var id in new[] { smsIds[0], smsIds[1], smsIds[3] })
        {
            await SmtpDeliveryTests.WaitForDeliveriesAsync(api, id, d => d.Str("status") == "sent");
        }

        using var gateway = new HttpClient();
        _server.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.NoContent, (await gateway.PostAsJsonAsync(Callback(first), new { status = "delivered" })).StatusCode);
        _server.Time.Advance(TimeSpan.FromSeconds(8));
        Assert.Equal(HttpStatusCode.NoContent, (await gateway.PostAsJsonAsync(Callback(second), new { status = "delivered" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await gateway.PostAsJsonAsync(Callback(fourth), new { status = "accepted" })).StatusCode);
        var smsCode = VerigateTestServer.CodeOf(new InboxMessage("1", phones[0], "sms", null, first.GetProperty("text").GetString()!, DateTime.UtcNow));
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync($"/v1/verifications/{smsIds[0]}/check", new { code = smsCode })).StatusCode);

        var (agent, _) = await _console.SignedInAsync(StaffRole.Agent);
        using (agent)
        {
            var html = await agent.GetStringAsync("/console/delivery-health?window=hour");

            //                                          sent accepted delivered failed started checked conversion median p95
            Assert.Equal(["email", "dev_inbox", "gmail.com", "2", "2", "2", "0", "2", "1", "50%", "0 s", "0 s"], Row(html, "email/dev_inbox/gmail.com"));
            Assert.Equal(["email", "dev_inbox", "other domains", "1", "1", "1", "0", "1", "0", "0%", "0 s", "0 s"], Row(html, "email/dev_inbox/other"));
            Assert.Equal(["sms", "http", "DE (+49)", "4", "3", "2", "1", "4", "1", "25%", "6 s", "9.6 s"], Row(html, "sms/http/DE"));
            Assert.Equal(["All email", "3", "3", "3", "0", "3", "1", "33%", "0 s", "0 s"], Row(html, "email/total"));
            Assert.Equal(["All sms", "4", "3", "2", "1", "4", "1", "25%", "6 s", "9.6 s"], Row(html, "sms/total"));
            Assert.Equal(3, RowCount().Count(html));
            Assert.Contains("<svg class=\"chart\" role=\"img\"", html, StringComparison.Ordinal);
            Assert.Contains("No country or email provider is converting well below", html, StringComparison.Ordinal);

            // No address, code or raw number anywhere on the page.
            foreach (var secret in mails.Concat(phones).Concat([annCode, smsCode, stem]))
            {
                Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
            }

        }

        // An hour later (a new console session: the last one idled out) the hour is empty and the day still has them.
        _server.Time.Advance(TimeSpan.FromMinutes(61));
        var (later, _) = await _console.SignedInAsync(StaffRole.Agent);
        using (later)
        {
            Assert.Contains("No codes were started in this period.", await later.GetStringAsync("/console/delivery-health?window=hour"), StringComparison.Ordinal);
            Assert.Equal("4", Row(await later.GetStringAsync("/console/delivery-health?window=day"), "sms/http/DE")[3]);
            Assert.Equal(HttpStatusCode.OK, (await later.GetAsync("/console/delivery-health?window=%00nonsense")).StatusCode);
        }
    }

    private static string Callback(System.Text.Json.JsonElement message) => message.GetProperty("statusCallback").GetString()!;

    /// <summary>The cells of the figures table's row for a group, as text.</summary>
    private static string[] Row(string html, string group)
    {
        var row = Regex.Match(html, $"<tr data-group=\"{Regex.Escape(group)}\"[^>]*>(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, $"no row for {group}");
        return Cell().Matches(row.Groups[1].Value)
            .Select(m => System.Net.WebUtility.HtmlDecode(Regex.Replace(m.Groups[1].Value, "<span class=\"tag[^<]*</span>|<[^>]+>", string.Empty)).Trim()).ToArray();
    }

    // ---- audit log ----

    [Fact]
    public async Task The_audit_log_filters_and_pages_agents_see_account_events_and_admins_staff_events_too()
    {
        var accounts = new AccountSteps(_server);
        var person = await accounts.SignUpAsync();
        await using (var tx = await _server.Services.GetRequiredService<IStore>().BeginWriteAsync(CancellationToken.None))
        {
            for (var i = 0; i < 55; i++)
            {
                await tx.Audit.AppendAsync(new AuditEvent(_server.Time.GetUtcNow(), AuditEventTypes.LoginFailed, long.Parse(person.UserId, CultureInfo.InvariantCulture), Detail: $"n={i}"), CancellationToken.None);
            }

            await tx.CommitAsync(CancellationToken.None);
        }

        var (agent, agentLogin) = await _console.SignedInAsync(StaffRole.Agent);
        var (admin, _) = await _console.SignedInAsync(StaffRole.Admin);
        using (agent)
        using (admin)
        {
            var all = await agent.GetStringAsync("/console/audit");
            Assert.Contains("<code>login.failed</code>", all, StringComparison.Ordinal);
            Assert.Contains("<code>account.created</code>", await agent.GetStringAsync("/console/audit?type=account.created"), StringComparison.Ordinal);
            Assert.DoesNotContain("staff.signed_in", all, StringComparison.Ordinal); // neither an event nor a type to filter by
            Assert.DoesNotContain("id=\"staff\"", all, StringComparison.Ordinal);
            Assert.Contains("<code>staff.signed_in</code>", await admin.GetStringAsync("/console/audit"), StringComparison.Ordinal);

            // By username and type, newest first, 50 a page; the next page continues with the same filters.
            var first = await agent.GetStringAsync($"/console/audit?account={person.Username}&type=login.failed");
            Assert.Equal(50, AuditRow().Count(first));
            Assert.Contains("n=54", first, StringComparison.Ordinal);
            var older = System.Net.WebUtility.HtmlDecode(OlderLink().Match(first).Groups[1].Value);
            Assert.Contains("type=login.failed", older, StringComparison.Ordinal);
            var second = await agent.GetStringAsync(older);
            Assert.Equal(5, AuditRow().Count(second));
            Assert.Contains("n=0<", second, StringComparison.Ordinal);
            Assert.DoesNotContain("Older events", second, StringComparison.Ordinal);

            var byId = await agent.GetStringAsync($"/console/audit?account={person.UserId}&from=2000-01-01T00:00");
            Assert.Equal(50, AuditRow().Count(byId));

            // The account's events say what happened, never to which address or with which code.
            var accountEvents = await admin.GetStringAsync($"/console/audit?account={person.UserId}&type=contact.verified")
                + await admin.GetStringAsync($"/console/audit?handler=csv&account={person.UserId}");
            Assert.DoesNotContain(person.Email, accountEvents, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(person.SessionToken, accountEvents, StringComparison.Ordinal);
            Assert.Contains("No event matches.", await agent.GetStringAsync("/console/audit?account=nobody-has-this&type=login.failed"), StringComparison.Ordinal);
            Assert.Contains("No event matches.", await agent.GetStringAsync($"/console/audit?account={person.UserId}&to=2000-01-01T00:00"), StringComparison.Ordinal);

            // An agent naming a staff member is read without that filter (and still sees no staff events); an admin filters by it.
            Assert.DoesNotContain("staff.signed_in", await agent.GetStringAsync($"/console/audit?staff={agentLogin.Name}"), StringComparison.Ordinal);
            var byStaff = await admin.GetStringAsync($"/console/audit?staff={agentLogin.Name}");
            Assert.Contains("<code>staff.signed_in</code>", byStaff, StringComparison.Ordinal);
            Assert.DoesNotContain("<code>account.created</code>", byStaff, StringComparison.Ordinal);

            // Malformed filters get a message, never a 500.
            foreach (var (query, words) in new[]
            {
                ("from=yesterday", "must be a date and time"), ("to=2026-13-45T99:99", "must be a date and time"),
                ("type=no.such.type", "Choose an event type"), ("account=" + new string('x', 65), "too long"), ("cursor=ev_abc", "Audit log"),
            })
            {
                var answer = await agent.GetAsync("/console/audit?" + query);
                if (answer.StatusCode == HttpStatusCode.Redirect)
                {
                    answer = await agent.GetAsync(answer.Headers.Location!.OriginalString);
                }

                Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
                Assert.Contains(words, await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task The_csv_export_is_text_csv_with_the_filters_quoted_cells_and_formulas_neutralised()
    {
        await using (var tx = await _server.Services.GetRequiredService<IStore>().BeginWriteAsync(CancellationToken.None))
        {
            var at = _server.Time.GetUtcNow();
            await tx.Audit.AppendAsync(new AuditEvent(at, AuditEventTypes.LoginFailed, 4242, Detail: "=HYPERLINK(\"http://evil\",\"x\")"), CancellationToken.None);
            await tx.Audit.AppendAsync(new AuditEvent(at, AuditEventTypes.LoginFailed, 4242, Detail: "+1, said \"she\"\nthen left"), CancellationToken.None);
            await tx.Audit.AppendAsync(new AuditEvent(at, AuditEventTypes.LoginFailed, 4242, ClientIp: "-2", Detail: "@SUM(A1)"), CancellationToken.None);
            await tx.Audit.AppendAsync(new AuditEvent(at, AuditEventTypes.SessionCreated, 4243, Detail: "other account"), CancellationToken.None);
            await tx.CommitAsync(CancellationToken.None);
        }

        var (agent, _) = await _console.SignedInAsync(StaffRole.Agent);
        using (agent)
        {
            var answer = await agent.GetAsync("/console/audit?handler=csv&account=4242");
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal("text/csv", answer.Content.Headers.ContentType?.MediaType);
            Assert.Equal("utf-8", answer.Content.Headers.ContentType?.CharSet);
            Assert.Contains("audit-log.csv", answer.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
            var lines = (await answer.Content.ReadAsStringAsync()).Split("\r\n");
            Assert.Equal("id,at,type,user_id,challenge_id,actor,client_ip,detail", lines[0]);
            Assert.EndsWith(",login.failed,4242,,,'-2,'@SUM(A1)", lines[1], StringComparison.Ordinal);
            Assert.EndsWith(",login.failed,4242,,,,\"'+1, said \"\"she\"\"\nthen left\"", lines[2], StringComparison.Ordinal);
            Assert.EndsWith(",login.failed,4242,,,,\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"", lines[3], StringComparison.Ordinal);
            Assert.Equal([""], lines[4..]);
            Assert.DoesNotContain("other account", string.Join('\n', lines), StringComparison.Ordinal);

            var bad = await agent.GetAsync("/console/audit?handler=csv&from=nonsense");
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            Assert.Equal("text/html", bad.Content.Headers.ContentType?.MediaType);
        }
    }

    [GeneratedRegex("<code class=\"key\" id=\"new-key\">([^<]+)</code>")]
    private static partial Regex NewKey();

    [GeneratedRegex("<code id=\"setup-link\">([^<]+)</code>")]
    private static partial Regex SetupLink();

    [GeneratedRegex("<t[dh][^>]*>(.*?)</t[dh]>", RegexOptions.Singleline)]
    private static partial Regex Cell();

    [GeneratedRegex("<tr data-group=\"[a-z]+/[^\"/]+/[^\"]+\"")]
    private static partial Regex RowCount();

    [GeneratedRegex("<tr data-id=\"\\d+\">")]
    private static partial Regex AuditRow();

    [GeneratedRegex("<a href=\"(/console/audit\\?[^\"]*cursor=[^\"]+)\">")]
    private static partial Regex OlderLink();
}
