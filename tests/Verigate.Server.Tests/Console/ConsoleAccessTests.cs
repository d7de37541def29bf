using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Verigate.Core.Staff;
using Verigate.Server.Tests.Infrastructure;
using Verigate.Server.Web.Console;

namespace Verigate.Server.Tests.Console;

/// <summary>
/// Every console route and handler, called without a session, with a person's session, with a staff session of the
/// wrong role and with a cookie from another site's form: the server refuses each (sign-in redirect, 403, or 400).
/// </summary>
public sealed class ConsoleAccessTests : IAsyncLifetime
{
    private VerigateTestServer _server = null!;
    private ConsoleSteps _console = null!;
    private (string UserId, string Username, string Email, string SessionToken) _person;

    public async Task InitializeAsync()
    {
        _server = new VerigateTestServer(VerigateTestServer.Relaxed());
        _console = new ConsoleSteps(_server);
        _person = await new AccountSteps(_server).SignUpAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>The console's pages (GET) and handlers (POST) that need a staff session.</summary>
    private IEnumerable<(HttpMethod Method, string Path)> Routes()
    {
        var account = "/console/accounts/" + _person.UserId;
        return
        [
            (HttpMethod.Get, "/console"),
            (HttpMethod.Get, "/console/accounts"),
            (HttpMethod.Get, "/console/accounts?q=" + _person.Username),
            (HttpMethod.Get, account),
            (HttpMethod.Post, account + "?handler=Verify"),
            (HttpMethod.Post, account + "?handler=Act"),
            (HttpMethod.Post, "/console/sign-out"),
        ];
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Post)
        {
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["action"] = "sign_out_everywhere", ["reason"] = "no session here", ["pin"] = "123456" });
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Without_a_console_session_every_console_route_sends_to_the_console_sign_in_and_changes_nothing()
    {
        using var anonymous = _console.NewClient();
        using var person = _console.WithCookie("vg_session=" + _person.SessionToken);
        foreach (var client in new[] { anonymous, person })
        {
            foreach (var (method, path) in Routes())
            {
                var response = await SendAsync(client, method, path);
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{method} {path}: {response.StatusCode}");
                Assert.Equal("/console/sign-in", response.Headers.Location?.OriginalString);
            }
        }

        Assert.Empty(await _console.AuditAsync(Core.Audit.AuditEventTypes.SupportActionTaken, Core.Audit.AuditEventTypes.SupportAccountViewed));
        using var me = _server.SignedIn(_person.SessionToken);
        Assert.Equal(HttpStatusCode.OK, (await me.GetAsync("/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_staff_form_posted_without_the_pages_antiforgery_token_is_refused()
    {
        var (admin, _) = await _console.SignedInAsync(StaffRole.Admin);
        using (admin)
        {
            foreach (var (method, path) in Routes().Where(r => r.Method == HttpMethod.Post))
            {
                var response = await SendAsync(admin, method, path);
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {path}: {response.StatusCode}");
            }
        }

        Assert.Empty(await _console.AuditAsync(Core.Audit.AuditEventTypes.SupportActionTaken, Core.Audit.AuditEventTypes.StaffSignedOut));
    }

    [Fact]
    public async Task The_admin_policy_refuses_an_agent_and_a_person_and_the_agent_policy_takes_both_staff_roles()
    {
        // The admin pages (Console/Admin, a folder convention) are built elsewhere; the policies they rest on are checked here.
        var authorization = _server.Services.GetRequiredService<IAuthorizationService>();
        ClaimsPrincipal Staff(StaffRole role) => new(new ClaimsIdentity(ConsoleSession.ClaimsFor(new ActiveStaffSession(
            new StaffMember(1, "someone", role, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch), new StaffSession("ss_x", 1, [1], DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch))),
            ConsoleSession.Scheme));

        Assert.False((await authorization.AuthorizeAsync(Staff(StaffRole.Agent), ConsolePolicies.Admin)).Succeeded);
        Assert.True((await authorization.AuthorizeAsync(Staff(StaffRole.Admin), ConsolePolicies.Admin)).Succeeded);
        Assert.True((await authorization.AuthorizeAsync(Staff(StaffRole.Agent), ConsolePolicies.Agent)).Succeeded);
        Assert.True((await authorization.AuthorizeAsync(Staff(StaffRole.Admin), ConsolePolicies.Agent)).Succeeded);
        Assert.False((await authorization.AuthorizeAsync(new ClaimsPrincipal(new ClaimsIdentity()), ConsolePolicies.Agent)).Succeeded);
    }
}
