using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Verigate.Core;
using Verigate.Core.Accounts;
using Verigate.Core.ApiKeys;
using Verigate.Core.Challenges;
using Verigate.Core.Identifiers;
using Verigate.Core.RateLimiting;
using Verigate.Core.Sessions;
using Verigate.Core.Verifications;

namespace Verigate.Server.Hosting;

/// <summary>The domain services: the challenge engine and the flows built on it.</summary>
public static class CoreServiceCollectionExtensions
{
    public static IServiceCollection AddVerigateCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new SnowflakeIdGenerator(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<VerigateOptions>>().Value.NodeId));
        services.AddSingleton<CodeHasher>();
        services.AddSingleton<RateLimiter>();
        services.AddSingleton<SendLimits>();
        services.AddSingleton<ChallengeEngine>();
        services.AddSingleton<PasswordHasher>();
        services.AddSingleton<SessionIssuer>();
        services.AddSingleton<SignUpFlow>();
        services.AddSingleton<LoginFlow>();
        services.AddSingleton<PasswordResetFlow>();
        services.AddSingleton<AccountChallenges>();
        services.AddSingleton<AccountDirectory>();
        services.AddSingleton<VerificationService>();
        services.AddSingleton<ApiKeyService>();
        return services;
    }
}
