using System.CommandLine;
using Verigate.Core.Storage;
using Verigate.Server.Hosting;

namespace Verigate.Server.Cli;

/// <summary>
/// <c>migrate</c>: applies pending schema migrations to the configured store and exits. Use it before rolling out
/// a new version when instances run with <c>Storage:ApplyMigrations=false</c>.
/// </summary>
public static class MigrateCommand
{
    public static Command Create()
    {
        var migrate = new Command("migrate", "Apply pending schema migrations to the configured store, then exit.").AcceptingSettings();
        migrate.SetAction(async (parsed, ct) =>
        {
            try
            {
                await using var app = VerigateHost.Build(parsed.Settings());
                await Console.Out.WriteLineAsync(await app.Services.GetRequiredService<IStoreOpener>().MigrateAsync(ct));
                return 0;
            }
            catch (Exception e) when (e is not HostAbortedException)
            {
                await Console.Error.WriteLineAsync("Migration failed: " + StartupFailure.Describe(e));
                return 1;
            }
        });
        return migrate;
    }
}
