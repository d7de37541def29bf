using System.CommandLine;
using Microsoft.Extensions.Options;
using Verigate.Core;
using Verigate.Server.Hosting;
using Verigate.Storage.Hosting;

namespace Verigate.Server.Cli;

/// <summary>
/// The default command: runs the server until SIGTERM or Ctrl+C. A start that cannot succeed ends with one line
/// naming the setting to fix and exit code 1, not a stack trace.
/// </summary>
public static class ServeCommand
{
    public static async Task<int> RunAsync(ParseResult parsed, CancellationToken ct)
    {
        try
        {
            // Not disposed here: RunAsync disposes the host when it stops, and a test host still holds it after a failed start.
            var app = VerigateHost.Build(parsed.Settings(), serving: true);
            // Test hosts (WebApplicationFactory) start and stop servers on one directory in quick succession inside
            // one process; the lock guards against a second process.
            using var dataLock = OwnsProcess ? LockDataDirectory(app.Services) : null;
            await app.RunAsync();
            return 0;
        }
        catch (Exception e) when (e is not HostAbortedException && OwnsProcess)
        {
            // Hosted inside another process (WebApplicationFactory in the integration tests), the failure goes to
            // that host as an exception, as it would without this command line.
            await Console.Error.WriteLineAsync("Verigate did not start: " + StartupFailure.Describe(e));
            return 1;
        }
    }

    private static bool OwnsProcess => System.Reflection.Assembly.GetEntryAssembly() == typeof(ServeCommand).Assembly;

    /// <summary>SQLite has one owner: a second server on the same data directory is refused (see <see cref="DataDirectoryLock"/>).</summary>
    private static DataDirectoryLock? LockDataDirectory(IServiceProvider services)
    {
        var verigate = services.GetRequiredService<IOptions<VerigateOptions>>().Value;
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        return storage.IsPostgres ? DataDirectoryLock.EnsureUsable(verigate.DataDirectory) : DataDirectoryLock.Acquire(verigate.DataDirectory);
    }
}
