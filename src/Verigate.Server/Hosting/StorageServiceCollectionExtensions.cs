using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Verigate.Core;
using Verigate.Core.Challenges;
using Verigate.Server.Maintenance;
using Verigate.Server.Secrets;

namespace Verigate.Server.Hosting;

/// <summary>The store, the secrets beside it, and the housekeeping job.</summary>
public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddVerigateStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => CodeHashKeyLoader.Load(
            sp.GetRequiredService<CodePolicyOptions>(), sp.GetRequiredService<IOptions<VerigateOptions>>().Value));
        services.AddSingleton(StoreFactory.Open);

        var dataDirectory = configuration[$"{VerigateOptions.Section}:{nameof(VerigateOptions.DataDirectory)}"] ?? new VerigateOptions().DataDirectory;
        services.AddDataProtection()
            .SetApplicationName("Verigate")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
        services.AddSingleton<ICodeVault, DataProtectionCodeVault>();

        services.AddHostedService<StartupChecks>();
        services.AddHostedService<MaintenanceService>();
        return services;
    }
}
