using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Verigate.Core;

namespace Verigate.Server.Hosting;

/// <summary>Turns what stopped a start into one line that names the setting to change.</summary>
public static class StartupFailure
{
    public static string Describe(Exception failure)
    {
        var e = Innermost(failure);
        return e switch
        {
            StartupException or OptionsValidationException => e.Message,
            IOException when e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase) || e.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } =>
                e.Message + " Another process listens there: stop it, or choose another address with --urls (or ASPNETCORE_URLS).",
            InvalidOperationException when e.Message.Contains(':', StringComparison.Ordinal) => e.Message,
            _ => $"{e.GetType().Name}: {e.Message}",
        };
    }

    /// <summary>Skips the wrappers (aggregate, type initialiser, DI activation) down to the exception that says what is wrong.</summary>
    private static Exception Innermost(Exception e)
    {
        while (true)
        {
            switch (e)
            {
                case StartupException or OptionsValidationException:
                    return e;
                case AggregateException { InnerExceptions.Count: 1 } aggregate:
                    e = aggregate.InnerExceptions[0];
                    continue;
                case System.Reflection.TargetInvocationException or TypeInitializationException when e.InnerException is not null:
                    e = e.InnerException;
                    continue;
                case InvalidOperationException { InnerException: { } inner } when inner is StartupException or OptionsValidationException or IOException:
                    e = inner;
                    continue;
                default:
                    return e;
            }
        }
    }
}
