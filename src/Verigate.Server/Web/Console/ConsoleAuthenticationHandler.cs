using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Verigate.Core.Staff;

namespace Verigate.Server.Web.Console;

/// <summary>
/// Reads the console cookie and checks the staff session (hashed server-side, idle and absolute timeouts, staff
/// member still enabled). No session: to the console's sign-in page; wrong role: 403.
/// </summary>
public sealed class ConsoleAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, StaffSessions sessions, ConsoleCookies cookies)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>Where the active session is kept for the request (sign-out ends it).</summary>
    public const string ActiveSessionItem = "vg_console_session";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (cookies.Token(Request) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }

        var active = await sessions.AuthenticateAsync(token, Context.RequestAborted);
        if (active is null)
        {
            return AuthenticateResult.Fail("Unknown or ended console session.");
        }

        Context.Items[ActiveSessionItem] = active;
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(ConsoleSession.ClaimsFor(active), Scheme.Name)), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Redirect(ConsoleSession.SignInPath);
        return Task.CompletedTask;
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
