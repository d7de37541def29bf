using Verigate.Server.Api;
using Verigate.Server.Hosting;
using Verigate.Server.Telemetry;
using Verigate.Server.Web;
using Verigate.Server.Webhooks;

namespace Verigate.Server.Cli;

/// <summary>The application with every service registered: the server runs it, the other commands use its services.</summary>
public static class VerigateHost
{
    /// <param name="settings">Configuration from the command line.</param>
    /// <param name="serving">
    /// False for a command: its logs then go to stderr, so what it prints on stdout (a secret, a list) is all a script
    /// captures.
    /// </param>
    public static WebApplication Build(string[] settings, bool serving = false)
    {
        var builder = WebApplication.CreateBuilder(settings);
        builder.UseVerigateDefaults();
        if (!serving)
        {
            builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        builder.Services
            .AddVerigateOptions(builder.Configuration)
            .AddVerigateStorage()
            .AddVerigateCore()
            .AddVerigateDelivery()
            .AddVerigateWebhooks()
            .AddVerigateApi()
            .AddVerigateTelemetry(builder.Configuration)
            .AddVerigateWeb();

        var app = builder.Build();
        var gate = app.Services.GetRequiredService<StartupLogGate>();
        app.Lifetime.ApplicationStarted.Register(gate.Open);
        app.UseVerigateApi();
        app.UseVerigateWeb();
        app.MapVerigateApi();
        app.MapVerigateWeb();
        return app;
    }
}
