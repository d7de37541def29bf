using Verigate.Core.AccountRecovery;
using Verigate.Core.Accounts;
using Verigate.Core.ActionLinks;
using Verigate.Core.ApiKeys;
using Verigate.Core.Attempts;
using Verigate.Core.Audit;
using Verigate.Core.Challenges;
using Verigate.Core.Delivery;
using Verigate.Core.Devices;
using Verigate.Core.Fraud;
using Verigate.Core.Idempotency;
using Verigate.Core.Outbox;
using Verigate.Core.RateLimiting;
using Verigate.Core.Sessions;
using Verigate.Core.TwoFactor;
using Verigate.Core.VerifyServices;
using Verigate.Core.Webhooks;

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
    IFallbackDeadlineStore FallbackDeadlines { get; }

    /// <summary>
    /// Where a send charges the counters every send shares (rate limits, SMS budgets): rows that many concurrent
    /// sends update, so whoever holds them should hold them briefly. A store whose writers run in parallel
    /// (PostgreSQL) gives a short transaction of its own that commits without waiting for its WAL flush, so the
    /// rows are not locked until the caller's durable commit; a crash may forget the last few milliseconds of
    /// charges, which only makes the limits briefly lenient. A store with one writer (SQLite) lends the caller's
    /// own transaction. Commit it when the charges stand; disposing it without committing undoes them. A charge
    /// committed before the caller's transaction fails stays charged (the limits err on the strict side).
    /// </summary>
    ValueTask<IStoreSession> BeginCountersAsync(CancellationToken ct);
    Passkeys.IPasskeyStore Passkeys { get; }
    IAccountRecoveryStore AccountRecoveries { get; }
    IActionLinkStore ActionLinks { get; }
    SupportPins.ISupportPinStore SupportPins { get; }
    Contacts.IContactStore Contacts { get; }
    DeliveryHealth.IDeliveryHealthStore DeliveryHealth { get; }
    Staff.IStaffStore Staff { get; }
    Support.ISupportStore Support { get; }

    ValueTask CommitAsync(CancellationToken ct);

    /// <summary>Whether the session has been disposed (and has given back its connection, where it had one of its own).</summary>
    bool Released { get; }
}
