using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Verigate.Core.Results;
using Verigate.Server.Api.Problems;

namespace Verigate.Server.Api.Auth;

/// <summary>Reads <c>Authorization: Bearer …</c>, lets a subclass resolve it, and answers 401 as a problem.</summary>
public abstract class BearerAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const int MaxTokenLength = 512;

    protected abstract string ChallengeMessage { get; }

    protected abstract Task<IEnumerable<Claim>?> ResolveAsync(string token);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = header["Bearer ".Length..].Trim();
        if (token.Length is 0 or > MaxTokenLength)
        {
            return AuthenticateResult.Fail("Malformed bearer token.");
        }

        var claims = await ResolveAsync(token);
        return claims is null
            ? AuthenticateResult.Fail("Unknown or revoked token.")
            : AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name)), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return ProblemResults.WriteAsync(Context, new Error(ErrorCodes.Unauthorized, ChallengeMessage));
    }
}
