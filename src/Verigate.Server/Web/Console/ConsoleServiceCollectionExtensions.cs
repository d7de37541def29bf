using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Verigate.Server.Web.Console;

/// <summary>The support console: its authentication scheme, its policies and who may reach which of its pages.</summary>
public static class ConsoleServiceCollectionExtensions
{
    public static IServiceCollection AddVerigateConsole(this IServiceCollection services)
    {
        services.AddSingleton<ConsoleCookies>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ConsoleAuthenticationHandler>(ConsoleSession.Scheme, null);
        services.AddAuthorizationBuilder().AddConsolePolicies();
        return services;
    }

    /// <summary>Every console page needs a staff session; only signing in and the setup link do not. Admin pages need an admin.</summary>
    public static void AddConsoleConventions(this PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/Console", ConsolePolicies.Agent);
        conventions.AuthorizeFolder("/Console/Admin", ConsolePolicies.Admin);
        conventions.AllowAnonymousToPage("/Console/SignIn");
        conventions.AllowAnonymousToPage("/Console/Setup");
    }
}
