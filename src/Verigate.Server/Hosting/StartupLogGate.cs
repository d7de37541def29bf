namespace Verigate.Server.Hosting;

/// <summary>
/// Keeps the generic host's own error logs (a stack trace per failed start, and a misleading "BackgroundService
/// failed … OperationCanceledException" when Kestrel cannot bind) off the console until the server has started:
/// a failed start is reported as one line by the serve command instead. After start they log as usual.
/// </summary>
public sealed class StartupLogGate
{
    public const string Category = "Microsoft.Extensions.Hosting";

    private volatile bool _started;

    public bool Allows(LogLevel level) => _started && level >= LogLevel.Warning;

    public void Open() => _started = true;
}
