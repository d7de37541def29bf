using Microsoft.Extensions.DependencyInjection.Extensions;
using Verigate.Core.SignIn;
using Verigate.Core.SignIn.Methods;
using Verigate.Core.Accounts;
using Verigate.Core.ApiKeys;
using Verigate.Core.Attempts;
using Verigate.Core.Challenges;
using Verigate.Core.Fraud;
using Verigate.Core.Identifiers;
using Verigate.Core.RateLimiting;
using Verigate.Core.Sessions;
using Verigate.Core.TwoFactor;
using Verigate.Core.Verifications;
using Verigate.Core.VerifyServices;
using Verigate.Server.Web.ActionLinks;

namespace Verigate.Server.Hosting;

/// <summary>The domain services: the challenge engine and the flows built on it.</summary>
public static class CoreServiceCollectionExtensions
{
    public static IServiceCollection AddVerigateCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        // The node id comes with the store: on PostgreSQL it is leased there, so two instances never share one.
        services.AddSingleton(sp => new SnowflakeIdGenerator(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<OpenedStore>().NodeId));
        services.AddSingleton<CodeHasher>();
        services.AddSingleton<ReuseKeys>();
        services.AddSingleton<RateLimiter>();
        services.AddSingleton<SendLimits>();
        services.AddSingleton<SmsGuard>();
        services.AddSingleton<ChallengeEngine>();
        services.AddSingleton<PasswordHasher>();
        services.AddSingleton<SessionIssuer>();
        services.AddSingleton<SignUpFlow>();
        services.AddSingleton<LoginFlow>();
        // The sign-in methods, in the order they are tried and offered.
        services.AddSingleton<ISignInMethod, PasswordMethod>();
        services.AddSingleton<ISignInMethod, RememberedDeviceMethod>();
        services.AddSingleton<ISignInMethod, SentCodeMethod>();
        services.AddSingleton<ISignInMethod, TotpMethod>();
        services.AddSingleton<ISignInMethod, RecoveryCodeMethod>();
        services.AddSingleton<ISignInMethod, PasskeyMethod>();
        services.AddSingleton<ResetDecoys>();
        services.AddSingleton<PasswordResetFlow>();
        services.AddSingleton<AccountChallenges>();
        services.AddSingleton<AccountDirectory>();
        services.AddSingleton<UsernameChange>();
        services.AddSingleton<VerificationService>();
        services.AddSingleton<AttemptService>();
        services.AddSingleton<VerifyServiceDirectory>();
        services.AddSingleton<ServiceVerifications>();
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<SessionFreshness>();
        services.AddSingleton<Reauthentication>();
        services.AddSingleton<RecoveryCodes>();
        services.AddSingleton<SecondFactors>();
        services.AddSingleton<AccountFailures>();
        services.AddSingleton<TwoFactorSettings>();
        services.AddSingleton<Verigate.Core.Passkeys.PasskeySettings>();
        services.AddSingleton<Verigate.Core.Passkeys.PasskeySignIn>();
        services.AddSingleton<Core.AccountRecovery.AccountRecoveryFlow>();
        services.AddActionLinkHandler<Core.AccountRecovery.CancelAccountRecoveryLink>();
        services.AddSingleton<Core.Contacts.ContactChangeFlow>();
        services.AddActionLinkHandler<Core.Contacts.UndoContactChangeLink>();
        services.AddActionLinks();
        return services;
    }
}
