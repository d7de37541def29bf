using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Verigate.Core.Telemetry;

namespace Verigate.Server.Telemetry;

/// <summary>
/// OpenTelemetry wired the ASP.NET Core way: requests and outgoing HTTP calls instrumented, Verigate's own meter and
/// activity source added, exported over OTLP — only when <c>Telemetry:OtlpEndpoint</c> is set.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    public static IServiceCollection AddVerigateTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!options.Enabled || options.Validate().Any())
        {
            return services; // off (nothing listens, so nothing is measured), or refused at start-up by the options check
        }

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(options.ServiceName))
            .WithVerigateSignals()
            .UseOtlpExporter(options.OtlpProtocol == "grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf, new Uri(options.OtlpEndpoint!));
        return services;
    }

    /// <summary>
    /// What is measured and traced. Request spans carry the route template, never the path itself: paths hold
    /// challenge ids and delivery-report tokens. (Query strings are redacted by the instrumentation.)
    /// </summary>
    public static IOpenTelemetryBuilder WithVerigateSignals(this IOpenTelemetryBuilder builder) => builder
        .WithMetrics(m => m
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddMeter(VerigateTelemetry.Name))
        .WithTracing(t => t
            .AddAspNetCoreInstrumentation(o => o.EnrichWithHttpResponse = (activity, response) =>
                activity.SetTag("url.path", (response.HttpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(unmatched)"))
            .AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = (activity, request) =>
                activity.SetTag("url.full", request.RequestUri is { } uri ? $"{uri.Scheme}://{uri.Authority}/…" : null))
            .AddSource(VerigateTelemetry.Name));
}
