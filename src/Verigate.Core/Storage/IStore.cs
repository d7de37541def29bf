namespace Verigate.Core.Storage;

/// <summary>The database. Every change that matters happens inside one write session, committed once.</summary>
public interface IStore
{
    /// <summary>A transaction that may write. Disposing it without <see cref="IStoreSession.CommitAsync"/> rolls back.</summary>
    ValueTask<IStoreSession> BeginWriteAsync(CancellationToken ct);

    /// <summary>
    /// A write transaction for work someone is waiting on indirectly (delivering their code): where writers queue,
    /// it goes ahead of ordinary requests. Stores whose writers do not queue treat it as any write.
    /// </summary>
    ValueTask<IStoreSession> BeginUrgentWriteAsync(CancellationToken ct) => BeginWriteAsync(ct);

    /// <summary>A session for reads only; it never blocks writers.</summary>
    ValueTask<IStoreSession> OpenReadAsync(CancellationToken ct);

    /// <summary>
    /// Whether writers take turns (SQLite's one writer): then a request reads first, on its own, and queues to write
    /// only when it must. Where they do not (PostgreSQL), a read on its own is a transaction and a round trip more,
    /// and a read that leads to a write belongs in the write's transaction.
    /// </summary>
    bool WritersQueue => true;
}
