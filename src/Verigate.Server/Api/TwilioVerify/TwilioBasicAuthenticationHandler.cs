using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Verigate.Server.Api.Auth;

namespace Verigate.Server.Api.TwilioVerify;

/// <summary>
/// HTTP Basic as Twilio's SDKs send it: the username (an account SID to them) is only echoed back, the password
/// must be a Verify API key. A refusal is Twilio's 401 (code 20003), which the SDKs turn into their own exception.
/// </summary>
public sealed class TwilioBasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyRegistry keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const int MaxHeaderLength = 1024;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        if (header.Length > MaxHeaderLength || Decode(header["Basic ".Length..].Trim()) is not { } pair || pair.IndexOf(':', StringComparison.Ordinal) is var colon && colon < 0)
        {
            return AuthenticateResult.Fail("Malformed Basic credentials.");
        }

        var username = pair[..colon];
        var keyId = await keys.FindKeyIdAsync(pair[(colon + 1)..], Context.RequestAborted);
        if (keyId is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        Claim[] claims = [new(AuthSchemes.ApiKeyIdClaim, keyId), new(AuthSchemes.TwilioAccountSidClaim, username.Length is > 0 and <= 64 ? username : "AC")];
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name)), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Basic realm=\"Verigate\"";
        return TwilioErrors.Write(Context, TwilioErrors.Authenticate);
    }

    private static string? Decode(string base64)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
