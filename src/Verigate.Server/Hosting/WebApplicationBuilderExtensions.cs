namespace Verigate.Server.Hosting;

/// <summary>Defaults that make the out-of-the-box start safe: loopback only, small request bodies.</summary>
public static class WebApplicationBuilderExtensions
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>
    /// Production-sane log levels, as the lowest-precedence configuration source so appsettings.json, the
    /// environment and the command line still override them: ASP.NET Core's per-request Information lines would
    /// flood the console.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> DefaultLogLevels = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
    };

    public static WebApplicationBuilder UseVerigateDefaults(this WebApplicationBuilder builder)
    {
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = DefaultLogLevels });

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

        // Request paths carry secrets (delivery-receipt tokens, challenge ids), and ASP.NET Core logs every
        // request's full URL at Information. Those lines are dropped whatever the configured levels say.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        return builder;
    }
}
