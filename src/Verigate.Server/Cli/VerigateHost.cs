using Verigate.Server.Api;
using Verigate.Server.Hosting;
using Verigate.Server.Webhooks;

namespace Verigate.Server.Cli;

/// <summary>The application with every service registered: the server runs it, the other commands use its services.</summary>
public static class VerigateHost
{
    public static WebApplication Build(string[] settings)
    {
        var builder = WebApplication.CreateBuilder(settings);
        builder.UseVerigateDefaults();

        builder.Services
            .AddVerigateOptions(builder.Configuration)
            .AddVerigateStorage()
            .AddVerigateCore()
            .AddVerigateDelivery()
            .AddVerigateWebhooks()
            .AddVerigateApi();

        var app = builder.Build();
        var gate = app.Services.GetRequiredService<StartupLogGate>();
        app.Lifetime.ApplicationStarted.Register(gate.Open);
        app.UseVerigateApi();
        app.MapVerigateApi();
        return app;
    }
}
