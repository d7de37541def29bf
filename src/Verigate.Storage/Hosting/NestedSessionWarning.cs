using Microsoft.Extensions.Logging;
using Verigate.Core.Storage;

namespace Verigate.Storage.Hosting;

/// <summary>Where <see cref="SessionNesting"/> writes its warnings (the core itself does no logging).</summary>
internal static partial class NestedSessionWarning
{
    public static Action<string, string> To(ILogger<SessionNesting> logger) => (message, site) => Log(logger, message, site);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Message} Where (logged once per call site): {Site}")]
    private static partial void Log(ILogger logger, string message, string site);
}
