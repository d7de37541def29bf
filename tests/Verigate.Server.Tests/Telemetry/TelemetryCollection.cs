namespace Verigate.Server.Tests.Telemetry;

/// <summary>
/// A tracer provider listens to every activity source in the process, not just its own server's: tests that
/// export spans run alone, so no other test's requests land in their exporters while they read them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "telemetry";
}
