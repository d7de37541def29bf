namespace Verigate.Server.Hosting;

/// <summary>Defaults that make the out-of-the-box start safe: loopback only, small request bodies.</summary>
public static class WebApplicationBuilderExtensions
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplicationBuilder UseVerigateDefaults(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]) && string.IsNullOrEmpty(builder.Configuration["HTTP_PORTS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = Api.ApiServiceCollectionExtensions.MaxRequestBodyBytes;
        });

        // Request paths carry secrets (delivery-receipt tokens, challenge ids), and ASP.NET Core logs every
        // request's full URL at Information. Those lines are dropped whatever the configured levels say.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        return builder;
    }
}
