namespace Verigate.Server.Webhooks;

/// <summary>Signed webhooks: endpoint management and the dispatcher.</summary>
public static class WebhookServiceCollectionExtensions
{
    public static IServiceCollection AddVerigateWebhooks(this IServiceCollection services)
    {
        // Endpoints are integrators' URLs: no automatic redirects (a 3xx is a failed attempt), no cookies, no proxy
        // (which would connect for us, past the address check), and every connection goes through the address check.
        services.AddHttpClient(WebhookDispatcher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var allowPrivate = sp.GetRequiredService<WebhookOptions>().AllowPrivateAddresses;
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    UseCookies = false,
                    UseProxy = false,
                    ConnectCallback = (context, ct) => WebhookAddresses.ConnectAsync(context, allowPrivate, ct),
                };
            });
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookEndpoints>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        return services;
    }
}
