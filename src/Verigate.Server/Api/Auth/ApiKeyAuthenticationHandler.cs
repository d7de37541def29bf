using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Verigate.Server.Api.Auth;

/// <summary>Authenticates integrators by API key.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyRegistry keys)
    : BearerAuthenticationHandler(options, logger, encoder)
{
    protected override string ChallengeMessage => "Send a valid API key as 'Authorization: Bearer <key>'.";

    protected override async Task<IEnumerable<Claim>?> ResolveAsync(string token) =>
        await keys.FindKeyIdAsync(token, Context.RequestAborted) is { } keyId ? [new Claim(AuthSchemes.ApiKeyIdClaim, keyId)] : null;
}
