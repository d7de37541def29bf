using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Verigate.Core;
using Verigate.Core.Challenges;
using Verigate.Server.Maintenance;
using Verigate.Server.Secrets;
using Verigate.Storage.Hosting;

namespace Verigate.Server.Hosting;

/// <summary>The store the settings choose (registered by its own project), the secrets beside it, and the housekeeping job.</summary>
public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddVerigateStorage(this IServiceCollection services, IConfiguration configuration)
    {
        // Data Protection (page cookies, antiforgery, webhook secrets) keeps its ring where the store registered below says; each key
        // is sealed under a subkey of the code-hash key (KeyedXmlEncryptor), which is never in the store, so a copied
        // database or backup opens nothing. Codes never depend on the ring: they are sealed by KeyedCodeVault directly.
        services.AddDataProtection().SetApplicationName("Verigate");

        // Chosen from the raw setting (only the provider: binding the rest here would fail on a bad value before the
        // options' validation can name it); a bad Storage:Provider is refused by that validation as the host starts.
        var provider = configuration[$"{StorageOptions.Section}:{nameof(StorageOptions.Provider)}"];
        if (new StorageOptions { Provider = provider ?? StorageOptions.Sqlite }.IsPostgres)
        {
            services.AddVerigatePostgres();
        }
        else
        {
            services.AddVerigateSqlite();
        }

        services.AddSingleton(sp => CodeHashKeyLoader.Load(
            sp.GetRequiredService<CodePolicyOptions>(), sp.GetRequiredService<IOptions<VerigateOptions>>().Value));

        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>(
            (o, sp) => o.XmlEncryptor = new KeyedXmlEncryptor(sp.GetRequiredService<CodeHashKey>));
        services.AddSingleton<ICodeVault, KeyedCodeVault>();
        services.AddSingleton<Core.TwoFactor.ISecretProtector, KeyedSecretProtector>();

        services.AddHostedService<StartupChecks>();
        services.AddHostedService<MaintenanceService>();
        return services;
    }
}
