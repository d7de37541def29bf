namespace Verigate.Server.Telemetry;

/// <summary>
/// OpenTelemetry export. Off unless <see cref="OtlpEndpoint"/> is set: then nothing is instrumented and nothing is
/// collected, so the default costs nothing.
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Where to send metrics and traces over OTLP (a collector, e.g. http://127.0.0.1:4317); unset: telemetry off.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (port 4317 by convention) or <c>http/protobuf</c> (4318).</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>The <c>service.name</c> resource attribute.</summary>
    public string ServiceName { get; set; } = "verigate";

    public bool Enabled => !string.IsNullOrWhiteSpace(OtlpEndpoint);

    public IEnumerable<string> Validate()
    {
        if (Enabled && (!Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            yield return "Telemetry:OtlpEndpoint must be an absolute http:// or https:// URL of an OTLP collector (or be left unset).";
        }

        if (OtlpProtocol is not ("grpc" or "http/protobuf"))
        {
            yield return "Telemetry:OtlpProtocol must be grpc or http/protobuf.";
        }

        if (string.IsNullOrWhiteSpace(ServiceName))
        {
            yield return "Telemetry:ServiceName must not be empty.";
        }
    }
}
