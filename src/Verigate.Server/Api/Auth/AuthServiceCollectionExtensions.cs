using Microsoft.AspNetCore.Authentication;

namespace Verigate.Server.Api.Auth;

/// <summary>Bearer authentication for both APIs, and one policy per API.</summary>
public static class AuthServiceCollectionExtensions
{
    public static IServiceCollection AddVerigateAuth(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyRegistry>();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthSchemes.ApiKey, null)
            .AddScheme<AuthenticationSchemeOptions, SessionAuthenticationHandler>(AuthSchemes.Session, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthSchemes.ApiKey, p => p.AddAuthenticationSchemes(AuthSchemes.ApiKey).RequireAuthenticatedUser())
            .AddPolicy(AuthSchemes.Session, p => p.AddAuthenticationSchemes(AuthSchemes.Session).RequireAuthenticatedUser());
        return services;
    }
}
