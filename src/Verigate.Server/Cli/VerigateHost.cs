using Verigate.Core;
using Verigate.Core.Storage;
using Verigate.Delivery;
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
            .AddVerigateStorage(builder.Configuration)
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

    /// <summary>
    /// <see cref="Build"/> for a command that uses the store without running the server: opens it (as the host's
    /// start would), so its migrations and key check apply.
    /// </summary>
    public static async Task<WebApplication> BuildOpenAsync(string[] settings, CancellationToken ct)
    {
        var app = Build(settings);
        try
        {
            await app.Services.GetRequiredService<StoreHandle>().OpenAsync(ct);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }
}
