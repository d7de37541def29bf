using Microsoft.Extensions.Options;
using Verigate.Core;
using Verigate.Server.Hosting;

namespace Verigate.Server.Cli;

/// <summary>
/// <c>Verigate.Server migrate</c>: applies pending schema migrations to the configured store and exits. Use it
/// before rolling out a new version when instances run with <c>Storage:ApplyMigrations=false</c>.
/// </summary>
public static class MigrateCommand
{
    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "migrate";

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, TextWriter error)
    {
        try
        {
            var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
            var verigate = services.GetRequiredService<IOptions<VerigateOptions>>().Value;
            await output.WriteLineAsync(await StoreFactory.MigrateAsync(storage, verigate, CancellationToken.None));
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or OptionsValidationException)
        {
            await error.WriteLineAsync("Migration failed: " + e.Message);
            return 1;
        }
    }
}
