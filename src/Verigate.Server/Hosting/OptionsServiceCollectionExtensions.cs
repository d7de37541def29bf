using Microsoft.Extensions.Options;
using Verigate.Core;
using Verigate.Core.Challenges;
using Verigate.Core.Fraud;
using Verigate.Core.RateLimiting;
using Verigate.Core.Sessions;
using Verigate.Core.VerifyServices;
using Verigate.Delivery;
using Verigate.Server.Webhooks;
using Verigate.Storage.Hosting;

namespace Verigate.Server.Hosting;

/// <summary>Binds every options section and validates it when the service starts.</summary>
public static class OptionsServiceCollectionExtensions
{
    public static IServiceCollection AddVerigateOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.Bind<VerigateOptions>(configuration, VerigateOptions.Section, o => o.Validate());
        services.Bind<StorageOptions>(configuration, StorageOptions.Section, o => o.Validate());
        services.Bind<CodePolicyOptions>(configuration, CodePolicyOptions.Section, o => o.Validate());
        services.Bind<RateLimitOptions>(configuration, RateLimitOptions.Section, o => o.Validate());
        services.Bind<SessionPolicyOptions>(configuration, SessionPolicyOptions.Section, o => o.Validate());
        services.Bind<DeliveryOptions>(configuration, DeliveryOptions.Section, o => o.Validate());
        services.Bind<VerifyServicesOptions>(configuration, VerifyServicesOptions.Section, o => o.Validate());
        services.AddSingleton<IPostConfigureOptions<VerigateOptions>, PublicUrlDefaults>();
        services.AddSingleton<IValidateOptions<DeliveryOptions>, PublicUrlValidation>();
        services.Bind<Api.Auth.VerifyApiOptions>(configuration, Api.Auth.VerifyApiOptions.Section, o => o.Validate());
        services.Bind<SmsGuardOptions>(configuration, SmsGuardOptions.Section, o => o.Validate());
        services.Bind<WebhookOptions>(configuration, WebhookOptions.Section, o => o.Validate());
        services.Bind<Telemetry.TelemetryOptions>(configuration, Telemetry.TelemetryOptions.Section, o => o.Validate());
        services.Bind<Core.AccountRecovery.AccountRecoveryOptions>(configuration, Core.AccountRecovery.AccountRecoveryOptions.Section, o => o.Validate());
        services.Bind<Core.Contacts.ContactOptions>(configuration, Core.Contacts.ContactOptions.Section, o => o.Validate());
        services.Bind<Core.Staff.ConsoleOptions>(configuration, Core.Staff.ConsoleOptions.Section, o => o.Validate());

        // The domain takes plain options objects; they are read once, after validation.
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<CodePolicyOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<RateLimitOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SessionPolicyOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<VerifyServicesOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SmsGuardOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<WebhookOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<Core.AccountRecovery.AccountRecoveryOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<Core.Contacts.ContactOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<Core.Staff.ConsoleOptions>>().Value);
        return services;
    }

    private static void Bind<T>(this IServiceCollection services, IConfiguration configuration, string section, Func<T, IEnumerable<string>> validate)
        where T : class
    {
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new SelfValidatingOptions<T>(validate));
    }
}
