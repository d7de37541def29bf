using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Verigate.Client;

/// <summary>Registers <see cref="VerigateClient"/> as a typed client of <see cref="IHttpClientFactory"/>.</summary>
public static class VerigateServiceCollectionExtensions
{
    /// <summary>Adds <see cref="VerigateClient"/>; the options are checked when the first client is made.</summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets the base address and the API key.</param>
    /// <returns>The client's builder, to add handlers (retries, logging) as with any typed client.</returns>
    public static IHttpClientBuilder AddVerigateClient(this IServiceCollection services, Action<VerigateClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<VerigateClientOptions>().Configure(configure)
            .Validate(o => o.BaseAddress is { IsAbsoluteUri: true }, "VerigateClientOptions.BaseAddress must be an absolute URI.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ApiKey), "VerigateClientOptions.ApiKey must be set.");
        return services.AddHttpClient<VerigateClient>((sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<VerigateClientOptions>>().Value;
            // A trailing slash, so the client's relative paths ("v1/…") keep any path the base address has.
            http.BaseAddress = new Uri(options.BaseAddress!.ToString().TrimEnd('/') + "/");
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
            http.Timeout = options.Timeout;
        });
    }
}
