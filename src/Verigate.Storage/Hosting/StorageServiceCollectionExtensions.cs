using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Verigate.Core;
using Verigate.Core.Storage;
using Verigate.Storage.Postgres;
using Verigate.Storage.Sqlite;

namespace Verigate.Storage.Hosting;

/// <summary>
/// The store, registered by the engine that runs it. Each registers its <see cref="IStoreOpener"/> (called once,
/// asynchronously, as the host starts), the <see cref="StoreHandle"/> every service is given as its
/// <see cref="IStore"/>, and where Data Protection keeps its key ring: beside the SQLite file, or in the PostgreSQL
/// database every instance shares.
/// </summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>One instance on an embedded SQLite file in <c>Verigate:DataDirectory</c>.</summary>
    public static IServiceCollection AddVerigateSqlite(this IServiceCollection services)
    {
        services.AddSingleton<IStoreOpener, SqliteStoreOpener>();
        services.AddKeyRing(sp =>
        {
            var directory = Path.Combine(sp.GetRequiredService<IOptions<VerigateOptions>>().Value.DataDirectory, "keys");
            if (!Directory.Exists(directory))
            {
                OwnerOnly.CreateDirectory(directory); // owner-only (0700) like the rest of the data directory
            }

            return new FileSystemXmlRepository(new DirectoryInfo(directory), sp.GetRequiredService<ILoggerFactory>());
        });
        return services.AddStoreHandle();
    }

    /// <summary>Any number of instances on one PostgreSQL database, each with a leased node id.</summary>
    public static IServiceCollection AddVerigatePostgres(this IServiceCollection services)
    {
        services.AddSingleton<PostgresStoreOpener>();
        services.AddSingleton<IStoreOpener>(sp => sp.GetRequiredService<PostgresStoreOpener>());
        services.AddKeyRing(sp => new PostgresXmlRepository(sp.GetRequiredService<PostgresStoreOpener>().Store!.DataSource));
        services.AddStoreHandle();
        services.AddHostedService<PostgresKeyRingWarmup>();
        services.AddHostedService<PostgresNodeLeaseService>();
        return services;
    }

    private static IServiceCollection AddStoreHandle(this IServiceCollection services)
    {
        services.AddSingleton(sp => new SessionNesting(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.OnNestedSession,
            NestedSessionWarning.To(sp.GetRequiredService<ILogger<SessionNesting>>())));
        services.AddSingleton<StoreHandle>();
        services.AddSingleton<IStore>(sp => sp.GetRequiredService<StoreHandle>());
        services.AddHostedService<StoreOpening>();
        return services;
    }

    /// <summary>
    /// The repository is created on first use (<see cref="DeferredXmlRepository"/>): Razor Pages resolve Data
    /// Protection while the app is merely built, before the store is open or the settings are checked.
    /// </summary>
    private static void AddKeyRing(this IServiceCollection services, Func<IServiceProvider, IXmlRepository> repository) =>
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((o, sp) => o.XmlRepository = new DeferredXmlRepository(() => repository(sp)));
}
