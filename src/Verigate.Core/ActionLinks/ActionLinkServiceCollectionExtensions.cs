using Microsoft.Extensions.DependencyInjection;

namespace Verigate.Core.ActionLinks;

/// <summary>Single-use notice links: the shared machinery, and one line per kind of link.</summary>
public static class ActionLinkServiceCollectionExtensions
{
    public static IServiceCollection AddActionLinks(this IServiceCollection services)
    {
        services.AddSingleton<ActionLinkHasher>();
        services.AddSingleton<ActionLinkService>();
        return services;
    }

    /// <summary>Registers one kind of link: its handler says what the page offers and what the button does.</summary>
    public static IServiceCollection AddActionLinkHandler<THandler>(this IServiceCollection services)
        where THandler : class, IActionLinkHandler
    {
        services.AddSingleton<IActionLinkHandler, THandler>();
        return services;
    }
}
