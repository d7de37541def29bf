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

        var gate = new StartupLogGate();
        builder.Services.AddSingleton(gate);
        builder.Logging.AddFilter(StartupLogGate.Category, gate.Allows);

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = Api.ApiServiceCollectionExtensions.MaxRequestBodyBytes;
        });
        return builder;
    }
}
