using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Verigate.Core;
using Verigate.Core.Challenges;
using Verigate.Server.Maintenance;
using Verigate.Server.Secrets;

namespace Verigate.Server.Hosting;

/// <summary>The store, the secrets beside it, and the housekeeping job.</summary>
public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddVerigateStorage(this IServiceCollection services)
    {
        services.AddSingleton(sp => CodeHashKeyLoader.Load(
            sp.GetRequiredService<CodePolicyOptions>(), sp.GetRequiredService<IOptions<VerigateOptions>>().Value));
        services.AddSingleton(StoreFactory.Open);

        // Data Protection keys live beside the data (read from options when first needed, so tests and
        // operators can move the data directory with configuration alone).
        services.AddDataProtection().SetApplicationName("Verigate");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<VerigateOptions>, ILoggerFactory>((o, verigate, logs) =>
            o.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(verigate.Value.DataDirectory, "keys")), logs));
        services.AddSingleton<ICodeVault, DataProtectionCodeVault>();

        services.AddHostedService<StartupChecks>();
        services.AddHostedService<MaintenanceService>();
        return services;
    }
}
