using Verigate.Core.AccountRecovery;
using Verigate.Core.ActionLinks;
using Verigate.Core.TwoFactor;

namespace Verigate.Core.Storage;

/// <summary>One unit of work over the store; the repositories all share its transaction.</summary>
public interface IStoreSession : IAsyncDisposable
{
    IAccountStore Accounts { get; }
    IDeviceStore Devices { get; }
    ISessionStore Sessions { get; }
    IChallengeStore Challenges { get; }
    IOutboxStore Outbox { get; }
    IDeliveryLog Deliveries { get; }
    IRateLimitStore RateLimits { get; }
    IFailureCounterStore FailureCounters { get; }
    IAuditLog Audit { get; }
    IDevInboxStore DevInbox { get; }
    IApiKeyStore ApiKeys { get; }
    IIdempotencyStore Idempotency { get; }
    ISettingsStore Settings { get; }
    IMaintenanceStore Maintenance { get; }
    IAttemptStore Attempts { get; }
    IVerifyServiceStore VerifyServices { get; }
    IFraudStore Fraud { get; }
    IWebhookStore Webhooks { get; }
    IAuthenticatorKeyStore AuthenticatorKeys { get; }
    IRecoveryCodeStore RecoveryCodes { get; }
    IAccountRecoveryStore AccountRecoveries { get; }
    IActionLinkStore ActionLinks { get; }

    ValueTask CommitAsync(CancellationToken ct);
}
