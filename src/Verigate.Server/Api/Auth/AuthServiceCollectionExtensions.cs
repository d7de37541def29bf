using Microsoft.AspNetCore.Authentication;
using Verigate.Server.Api.TwilioVerify;

namespace Verigate.Server.Api.Auth;

/// <summary>Bearer authentication for both APIs, Basic for the Twilio-compatible one, and one policy per API.</summary>
public static class AuthServiceCollectionExtensions
{
    public static IServiceCollection AddVerigateAuth(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyRegistry>();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthSchemes.ApiKey, null)
            .AddScheme<AuthenticationSchemeOptions, SessionAuthenticationHandler>(AuthSchemes.Session, null)
            .AddScheme<AuthenticationSchemeOptions, TwilioBasicAuthenticationHandler>(AuthSchemes.TwilioBasic, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthSchemes.ApiKey, p => p.AddAuthenticationSchemes(AuthSchemes.ApiKey).RequireAuthenticatedUser())
            .AddPolicy(AuthSchemes.Session, p => p.AddAuthenticationSchemes(AuthSchemes.Session).RequireAuthenticatedUser())
            .AddPolicy(AuthSchemes.TwilioBasic, p => p.AddAuthenticationSchemes(AuthSchemes.TwilioBasic).RequireAuthenticatedUser());
        return services;
    }
}
