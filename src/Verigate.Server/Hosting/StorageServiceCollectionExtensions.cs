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

        // Data Protection (page cookies, antiforgery, webhook secrets) keeps its ring in the store (PostgreSQL) or
        // beside it (SQLite); each key is sealed under a subkey of the code-hash key (KeyedXmlEncryptor), which is
        // never in the store, so a copied database or backup opens nothing. Codes never depend on the ring: they are
        // sealed by KeyedCodeVault directly.
        services.AddDataProtection().SetApplicationName("Verigate");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<VerigateOptions>, IOptions<StorageOptions>, IServiceProvider, ILoggerFactory>(
            (o, verigate, storage, sp, logs) =>
            {
                o.XmlRepository = new DeferredXmlRepository(() => storage.Value.IsPostgres
                    ? new PostgresXmlRepository(sp.GetRequiredService<OpenedStore>().Postgres!.DataSource)
                    : new FileSystemXmlRepository(KeysDirectory(verigate.Value.DataDirectory), logs));
                o.XmlEncryptor = new KeyedXmlEncryptor(sp.GetRequiredService<CodeHashKey>);
            });
        services.AddSingleton<ICodeVault, KeyedCodeVault>();
        services.AddSingleton<Verigate.Core.TwoFactor.ISecretProtector, KeyedSecretProtector>();

        services.AddHostedService<StartupChecks>();
        services.AddHostedService<NodeLeaseService>();
        services.AddHostedService<MaintenanceService>();
        return services;
    }

    /// <summary>The SQLite deployment's Data Protection ring, owner-only (0700) like the rest of the data directory.</summary>
    private static DirectoryInfo KeysDirectory(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "keys");
        if (!Directory.Exists(path))
        {
            Verigate.Storage.Sqlite.OwnerOnly.CreateDirectory(path);
        }

        return new DirectoryInfo(path);
    }
}
