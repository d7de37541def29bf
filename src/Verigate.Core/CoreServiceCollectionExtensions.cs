using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Verigate.Core.AccountRecovery;
using Verigate.Core.Accounts;
using Verigate.Core.ActionLinks;
using Verigate.Core.ActivityLog;
using Verigate.Core.ApiKeys;
using Verigate.Core.Attempts;
using Verigate.Core.Challenges;
using Verigate.Core.Contacts;
using Verigate.Core.Devices;
using Verigate.Core.Fraud;
using Verigate.Core.Identifiers;
using Verigate.Core.Passkeys;
using Verigate.Core.PasswordReset;
using Verigate.Core.RateLimiting;
using Verigate.Core.SecurityAlerts;
using Verigate.Core.Sessions;
using Verigate.Core.SignIn;
using Verigate.Core.SignIn.Methods;
using Verigate.Core.SignUp;
using Verigate.Core.Storage;
using Verigate.Core.SupportPins;
using Verigate.Core.TwoFactor;
using Verigate.Core.Verifications;
using Verigate.Core.VerifyServices;

namespace Verigate.Core;

/// <summary>
/// The domain services: the challenge engine and the flows built on it. The host adds a store
/// (<c>AddVerigateSqlite</c> or <c>AddVerigatePostgres</c>), delivery (<c>AddVerigateDelivery</c>), the options
/// objects and the secret keepers (<see cref="Challenges.ICodeVault"/>, <see cref="TwoFactor.ISecretProtector"/>).
/// </summary>
public static class CoreServiceCollectionExtensions
{
    public static IServiceCollection AddVerigateCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        // The node id comes with the store (leased there on PostgreSQL, so two instances never share one), which opens
        // when the host starts: read at the first id.
        services.AddSingleton(sp =>
        {
            var store = sp.GetRequiredService<StoreHandle>();
            return new SnowflakeIdGenerator(sp.GetRequiredService<TimeProvider>(), () => store.Opened.NodeId);
        });
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
        services.AddSingleton<DeliveryHealth.DeliveryHealthService>();
        services.AddSingleton<Audit.AuditSearch>();
        services.AddSingleton<SessionFreshness>();
        services.AddSingleton<Reauthentication>();
        services.AddSingleton<AccountSessions>();
        services.AddSingleton<AccountDevices>();
        services.AddSingleton<RecoveryCodes>();
        services.AddSingleton<SecondFactors>();
        services.AddSingleton<AccountFailures>();
        services.AddSingleton<Staff.StaffDirectory>();
        services.AddSingleton<Staff.StaffBudgets>();
        services.AddSingleton<Staff.StaffSetup>();
        services.AddSingleton<Staff.StaffSignIn>();
        services.AddSingleton<Staff.StaffSessions>();
        services.AddSingleton<Support.SupportAccounts>();
        services.AddSingleton<Support.CallerVerification>();
        services.AddSingleton<Support.SupportActionService>();
        services.AddSingleton<TwoFactorSettings>();
        services.AddSingleton<PasskeySettings>();
        services.AddSingleton<PasskeySignIn>();
        services.AddSingleton<AccountRecoveryFlow>();
        services.AddActionLinkHandler<CancelAccountRecoveryLink>();
        services.AddSingleton<NewDeviceAlerts>();
        services.AddActionLinkHandler<SecureAccountLink>();
        services.AddSingleton<AccountActivity>();
        services.AddSingleton<SupportPinService>();
        services.AddSingleton<ContactChangeFlow>();
        services.AddActionLinkHandler<UndoContactChangeLink>();
        services.AddActionLinks();
        return services;
    }
}
