using System.CommandLine;
using Microsoft.Extensions.Options;
using Verigate.Core;
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
                var storage = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
                var verigate = app.Services.GetRequiredService<IOptions<VerigateOptions>>().Value;
                await Console.Out.WriteLineAsync(await StoreFactory.MigrateAsync(storage, verigate, ct));
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
