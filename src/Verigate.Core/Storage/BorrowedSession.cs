using Verigate.Core.Accounts;
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

/// <summary>
/// The caller's own session lent to code that expects a session of its own: its repositories are the caller's,
/// and committing or disposing it does nothing, because the transaction belongs to (and ends with) the caller.
/// What a store hands out for shared counters when it has no cheaper place for them (SQLite's single writer).
/// </summary>
public sealed class BorrowedSession(IStoreSession owner) : IStoreSession
{
    public IAccountStore Accounts => owner.Accounts;
    public IDeviceStore Devices => owner.Devices;
    public ISessionStore Sessions => owner.Sessions;
    public IChallengeStore Challenges => owner.Challenges;
    public IOutboxStore Outbox => owner.Outbox;
    public IDeliveryLog Deliveries => owner.Deliveries;
    public IRateLimitStore RateLimits => owner.RateLimits;
    public IFailureCounterStore FailureCounters => owner.FailureCounters;
    public IAuditLog Audit => owner.Audit;
    public IDevInboxStore DevInbox => owner.DevInbox;
    public IApiKeyStore ApiKeys => owner.ApiKeys;
    public IIdempotencyStore Idempotency => owner.Idempotency;
    public ISettingsStore Settings => owner.Settings;
    public IMaintenanceStore Maintenance => owner.Maintenance;
    public IAttemptStore Attempts => owner.Attempts;
    public IVerifyServiceStore VerifyServices => owner.VerifyServices;
    public IFraudStore Fraud => owner.Fraud;
    public IWebhookStore Webhooks => owner.Webhooks;
    public IAuthenticatorKeyStore AuthenticatorKeys => owner.AuthenticatorKeys;
    public IRecoveryCodeStore RecoveryCodes => owner.RecoveryCodes;
    public IFallbackDeadlineStore FallbackDeadlines => owner.FallbackDeadlines;
    public Passkeys.IPasskeyStore Passkeys => owner.Passkeys;
    public AccountRecovery.IAccountRecoveryStore AccountRecoveries => owner.AccountRecoveries;
    public ActionLinks.IActionLinkStore ActionLinks => owner.ActionLinks;
    public SupportPins.ISupportPinStore SupportPins => owner.SupportPins;
    public Contacts.IContactStore Contacts => owner.Contacts;
    public DeliveryHealth.IDeliveryHealthStore DeliveryHealth => owner.DeliveryHealth;
    public Staff.IStaffStore Staff => owner.Staff;
    public Support.ISupportStore Support => owner.Support;

    public ValueTask<IStoreSession> BeginCountersAsync(CancellationToken ct) => owner.BeginCountersAsync(ct);

    public ValueTask CommitAsync(CancellationToken ct) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public bool Released => owner.Released;
}
