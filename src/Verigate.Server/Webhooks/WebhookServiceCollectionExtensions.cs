namespace Verigate.Server.Webhooks;

/// <summary>Signed webhooks: endpoint management and the dispatcher.</summary>
public static class WebhookServiceCollectionExtensions
{
    public static IServiceCollection AddVerigateWebhooks(this IServiceCollection services)
    {
        // Endpoints are integrators' URLs: no automatic redirects (a 3xx is a failed attempt), no cookies.
        services.AddHttpClient(WebhookDispatcher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookEndpoints>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        return services;
    }
}
