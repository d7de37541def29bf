using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Verigate.Core;
using Verigate.Core.Challenges;
using Verigate.Core.Storage;
using Verigate.Server.Maintenance;
using Verigate.Server.Secrets;
using Verigate.Storage.Postgres;

namespace Verigate.Server.Hosting;

/// <summary>The store, the secrets beside it, and the housekeeping job.</summary>
public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddVerigateStorage(this IServiceCollection services)
    {
        services.AddSingleton(sp => CodeHashKeyLoader.Load(
            sp.GetRequiredService<CodePolicyOptions>(), sp.GetRequiredService<IOptions<VerigateOptions>>().Value));
        services.AddSingleton(StoreFactory.Open);
        services.AddSingleton<IStore>(sp => sp.GetRequiredService<OpenedStore>().Store);

        // Data Protection keys protect re-deliverable codes, so every instance must hold the same ring: on
        // PostgreSQL it lives in the shared database; on SQLite (one instance) beside the data. Read from options
        // when first needed, so tests and operators can move things with configuration alone.
        services.AddDataProtection().SetApplicationName("Verigate");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<VerigateOptions>, IOptions<StorageOptions>, IServiceProvider, ILoggerFactory>(
            (o, verigate, storage, sp, logs) => o.XmlRepository = storage.Value.IsPostgres
                ? new PostgresXmlRepository(sp.GetRequiredService<OpenedStore>().Postgres!.DataSource)
                : new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(verigate.Value.DataDirectory, "keys")), logs));
        services.AddSingleton<ICodeVault, DataProtectionCodeVault>();
        services.AddSingleton<Verigate.Core.TwoFactor.ISecretProtector, DataProtectionSecretProtector>();

        services.AddHostedService<StartupChecks>();
        services.AddHostedService<NodeLeaseService>();
        services.AddHostedService<MaintenanceService>();
        return services;
    }
}
