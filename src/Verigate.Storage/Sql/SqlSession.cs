using System.Data.Common;
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
using Verigate.Core.Storage;
using Verigate.Core.TwoFactor;
using Verigate.Core.VerifyServices;
using Verigate.Core.Webhooks;
using Verigate.Storage.Accounts;
using Verigate.Storage.ActionLinks;
using Verigate.Storage.ApiKeys;
using Verigate.Storage.Attempts;
using Verigate.Storage.Audit;
using Verigate.Storage.Challenges;
using Verigate.Storage.Delivery;
using Verigate.Storage.Devices;
using Verigate.Storage.Fraud;
using Verigate.Storage.Idempotency;
using Verigate.Storage.Outbox;
using Verigate.Storage.RateLimiting;
using Verigate.Storage.Sessions;
using Verigate.Storage.TwoFactor;
using Verigate.Storage.VerifyServices;
using Verigate.Storage.Webhooks;

namespace Verigate.Storage.Sql;

/// <summary>
/// One unit of work on a SQL connection. The repositories are thin and shared by every backend; a backend
/// only says how to get a connection, a command and a transaction.
/// </summary>
public abstract class SqlSession(SqlDialect dialect, IOutboxSignal outboxSignal) : IStoreSession
{
    private bool _finished;
    private SqlAccountStore? _accounts;
    private SqlDeviceStore? _devices;
    private SqlSessionStore? _sessions;
    private SqlChallengeStore? _challenges;
    private SqlOutboxStore? _outbox;
    private SqlDeliveryLog? _deliveries;
    private SqlRateLimitStore? _rateLimits;
    private SqlFailureCounterStore? _failureCounters;
    private SqlAuditLog? _audit;
    private SqlDevInboxStore? _devInbox;
    private SqlApiKeyStore? _apiKeys;
    private SqlIdempotencyStore? _idempotency;
    private SqlSettingsStore? _settings;
    private SqlMaintenanceStore? _maintenance;
    private SqlAttemptStore? _attempts;
    private SqlVerifyServiceStore? _verifyServices;
    private SqlFraudStore? _fraud;
    private SqlWebhookStore? _webhooks;
    private SqlAuthenticatorKeyStore? _authenticatorKeys;
    private SqlRecoveryCodeStore? _recoveryCodes;
    private SqlFallbackDeadlineStore? _fallbackDeadlines;
    private Passkeys.SqlPasskeyStore? _passkeys;
    private AccountRecovery.SqlAccountRecoveryStore? _accountRecoveries;
    private SqlActionLinkStore? _actionLinks;
    private SupportPins.SqlSupportPinStore? _supportPins;
    private Contacts.SqlContactStore? _contacts;
    private DeliveryHealth.SqlDeliveryHealthStore? _deliveryHealth;
    private Staff.SqlStaffStore? _staff;
    private Support.SqlSupportStore? _support;

    internal SqlDialect Dialect => dialect;

    internal IOutboxSignal OutboxSignal => outboxSignal;

    /// <summary>Set by the outbox repository; the dispatcher is signalled after a commit that wrote messages.</summary>
    internal bool WroteOutbox { get; set; }

    public IAccountStore Accounts => _accounts ??= new(this);
    public IDeviceStore Devices => _devices ??= new(this);
    public ISessionStore Sessions => _sessions ??= new(this);
    public IChallengeStore Challenges => _challenges ??= new(this);
    public IOutboxStore Outbox => _outbox ??= new(this);
    public IDeliveryLog Deliveries => _deliveries ??= new(this);
    public IRateLimitStore RateLimits => _rateLimits ??= new(this);
    public IFailureCounterStore FailureCounters => _failureCounters ??= new(this);
    public IAuditLog Audit => _audit ??= new(this);
    public IDevInboxStore DevInbox => _devInbox ??= new(this);
    public IApiKeyStore ApiKeys => _apiKeys ??= new(this);
    public IIdempotencyStore Idempotency => _idempotency ??= new(this);
    public ISettingsStore Settings => _settings ??= new(this);
    public IMaintenanceStore Maintenance => _maintenance ??= new(this);
    public IAttemptStore Attempts => _attempts ??= new(this);
    public IVerifyServiceStore VerifyServices => _verifyServices ??= new(this);
    public IFraudStore Fraud => _fraud ??= new(this);
    public IWebhookStore Webhooks => _webhooks ??= new(this);
    public IAuthenticatorKeyStore AuthenticatorKeys => _authenticatorKeys ??= new(this);
    public IRecoveryCodeStore RecoveryCodes => _recoveryCodes ??= new(this);
    public IFallbackDeadlineStore FallbackDeadlines => _fallbackDeadlines ??= new(this);
    public Verigate.Core.Passkeys.IPasskeyStore Passkeys => _passkeys ??= new(this);
    public Core.AccountRecovery.IAccountRecoveryStore AccountRecoveries => _accountRecoveries ??= new(this);
    public IActionLinkStore ActionLinks => _actionLinks ??= new(this);
    public Core.SupportPins.ISupportPinStore SupportPins => _supportPins ??= new(this);
    public Core.Contacts.IContactStore Contacts => _contacts ??= new(this);
    public Core.DeliveryHealth.IDeliveryHealthStore DeliveryHealth => _deliveryHealth ??= new(this);
    public Core.Staff.IStaffStore Staff => _staff ??= new(this);
    public Core.Support.ISupportStore Support => _support ??= new(this);

    /// <summary>A command bound to this session's connection and transaction, with no parameters yet. Owned by the session.</summary>
    internal abstract DbCommand Command(string sql);

    /// <summary>
    /// Runs a write whose outcome nobody reads. A backend may hold it and send it later in this transaction, together
    /// with its other such writes, but always before any other statement of the session and before the commit (see
    /// <see cref="DeferredWrite"/>); an error it causes then surfaces there. By default it runs now.
    /// </summary>
    internal virtual Task WriteAsync(DeferredWrite write, CancellationToken ct)
    {
        var command = Command(write.StandaloneSql);
        foreach (var (name, value) in write.Parameters)
        {
            command.With(name, value);
        }

        return command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// A command that runs as a transaction of its own (PostgreSQL's implicit transaction of one round trip), or
    /// null where this session cannot give one: it has an open transaction (the statement would join it), or the
    /// backend has one writer anyway (SQLite).
    /// </summary>
    internal virtual DbCommand? CommandOnItsOwn(string sql) => null;

    /// <summary>
    /// Runs a write that may hit a unique index when another transaction got there first; such a conflict is an
    /// expected outcome (false), not an error, and the session stays usable afterwards.
    /// </summary>
    internal virtual async Task<bool> TryUniqueWriteAsync(Func<Task<bool>> write)
    {
        try
        {
            return await write();
        }
        catch (DbException e) when (dialect.IsUniqueViolation(e))
        {
            return false;
        }
    }

    /// <summary>By default the counters are charged in this very transaction (see <see cref="IStoreSession.BeginCountersAsync"/>).</summary>
    public virtual ValueTask<IStoreSession> BeginCountersAsync(CancellationToken ct) => new(new BorrowedSession(this));

    protected abstract ValueTask CommitCoreAsync(CancellationToken ct);

    protected abstract ValueTask RollbackCoreAsync();

    /// <summary>Returns the connection (and, for SQLite, the writer slot).</summary>
    protected abstract ValueTask ReleaseAsync();

    public async ValueTask CommitAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        await CommitCoreAsync(ct);
        _finished = true;
        if (WroteOutbox)
        {
            outboxSignal.Notify();
        }
    }

    public bool Released { get; private set; }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_finished)
            {
                _finished = true;
                await RollbackCoreAsync();
            }
        }
        finally
        {
            try
            {
                await ReleaseAsync();
            }
            finally
            {
                Released = true;
                GC.SuppressFinalize(this);
            }
        }
    }
}
