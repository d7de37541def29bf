using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Verigate.Core.Accounts;
using Verigate.Core.Sessions;

namespace Verigate.Server.Api.Auth;

/// <summary>Authenticates end users by session token.</summary>
public sealed class SessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccountDirectory accounts)
    : BearerAuthenticationHandler(options, logger, encoder)
{
    protected override string ChallengeMessage => "Sign in and send the session token as 'Authorization: Bearer <token>'.";

    protected override async Task<IEnumerable<Claim>?> ResolveAsync(string token) =>
        await accounts.AuthenticateAsync(token, Context.RequestAborted) is { } session ? ClaimsFor(session) : null;

    /// <summary>The claims of a live session, the same whether its token came as a bearer header or a page cookie.</summary>
    public static IReadOnlyList<Claim> ClaimsFor(UserSession session) =>
    [
        new Claim(AuthSchemes.UserIdClaim, session.UserId.ToString(CultureInfo.InvariantCulture)),
        new Claim(AuthSchemes.DeviceIdClaim, session.DeviceId.ToString(CultureInfo.InvariantCulture)),
        new Claim(AuthSchemes.SessionIdClaim, session.SessionId),
        new Claim(AuthSchemes.AuthenticatedAtClaim, session.LastAuthenticatedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
    ];
}
