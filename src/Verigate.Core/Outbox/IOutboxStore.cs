
namespace Verigate.Core.Outbox;

/// <summary>The transactional outbox.</summary>
public interface IOutboxStore
{
    /// <summary>Adds a message; the store signals the dispatcher when the transaction commits.</summary>
    Task<long> EnqueueAsync(OutboxMessage message, CancellationToken ct);

    /// <summary>
    /// <see cref="EnqueueAsync"/> and the first entry of the message's delivery timeline (<paramref name="queued"/>, whose
    /// outbox id is the new message's), as one write where the store can.
    /// </summary>
    Task EnqueueTrackedAsync(OutboxMessage message, DeliveryEvent queued, CancellationToken ct);

    /// <summary>
    /// Leases up to <paramref name="max"/> due messages to <paramref name="owner"/> until <paramref name="leaseUntil"/>.
    /// A lease that runs out (its dispatcher died) makes the message due again. The lease needs no transaction: where
    /// the store can, it commits on its own, so call it alone in its session.
    /// </summary>
    Task<IReadOnlyList<OutboxMessage>> ClaimAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken ct);

    Task CompleteAsync(long id, string owner, OutboxState state, string? detail, DateTimeOffset at, CancellationToken ct);
    Task ScheduleRetryAsync(long id, string owner, DateTimeOffset nextAttemptAt, string detail, CancellationToken ct);

    /// <summary>Gives leased messages back (graceful shutdown).</summary>
    Task ReleaseAsync(string owner, CancellationToken ct);

    Task<int> CountPendingAsync(CancellationToken ct);
}
