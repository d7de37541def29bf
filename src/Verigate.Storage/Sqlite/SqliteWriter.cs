using Microsoft.Data.Sqlite;

namespace Verigate.Storage.Sqlite;

/// <summary>
/// The single SQLite writer, with group commit. Each write session runs inside a SAVEPOINT of a shared outer
/// transaction; finishing it releases the savepoint and lets the next waiting session in, and the last session of
/// a group (nobody waiting, the group full, or a session that cannot wait) commits the outer transaction for all.
/// A session's commit returns only after that real COMMIT, so durability is exactly as with one transaction per
/// session; what the group shares is the commit's fixed cost (WAL frames, locks, the wal-index), measured at
/// about half of a small transaction's cost on our 2-core host.
/// </summary>
internal sealed class SqliteWriter : IDisposable
{
    private const int MaxGroupSize = 32;
    private const string Savepoint = "session";

    private readonly WriterGate _gate = new();
    private SqliteTransaction? _outer;
    private List<TaskCompletionSource> _members = [];

    public SqliteWriter(SqliteConnectionHandle handle) => Handle = handle;

    public SqliteConnectionHandle Handle { get; }

    /// <summary>Waits for the writer and opens a savepoint for the session; returns the transaction its commands use.</summary>
    public async ValueTask<SqliteTransaction> EnterAsync(bool urgent, CancellationToken ct)
    {
        await _gate.EnterAsync(urgent, ct);
        try
        {
            _outer ??= Handle.Connection.BeginTransaction(deferred: false);
            _outer.Save(Savepoint);
            return _outer;
        }
        catch
        {
            DiscardGroup(new InvalidOperationException("The SQLite writer could not open a transaction."));
            _gate.Exit();
            throw;
        }
    }

    /// <summary>
    /// Ends the session holding the writer: keeps or undoes its work, passes the writer on, and completes once its
    /// work is durable (or at once, for undone work). Must be called exactly once per <see cref="EnterAsync"/>.
    /// </summary>
    public Task FinishAsync(bool keep, bool commitNow)
    {
        TaskCompletionSource? durable = null;
        try
        {
            if (keep)
            {
                _outer!.Release(Savepoint);
                durable = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _members.Add(durable);
            }
            else
            {
                _outer!.Rollback(Savepoint);
                _outer.Release(Savepoint);
            }
        }
        catch (Exception e)
        {
            // The outer transaction is in an unknown state: end it, failing every member.
            DiscardGroup(e);
        }

        if (commitNow || _members.Count >= MaxGroupSize)
        {
            CommitGroup();
        }

        while (!_gate.TryHandOver())
        {
            // Nobody is waiting to join: this session ends the group.
            CommitGroup();
            if (_gate.TryRelease())
            {
                break;
            }
        }

        return durable?.Task ?? Task.CompletedTask;
    }

    /// <summary>
    /// Runs <paramref name="work"/> while nobody writes: waits for the writer in the priority lane, commits the group
    /// in progress (its members' commits complete as usual), runs the work and passes the writer on.
    /// </summary>
    public async Task RunBetweenGroupsAsync(Action work, CancellationToken ct)
    {
        await _gate.EnterAsync(urgent: true, ct);
        try
        {
            CommitGroup();
            work();
        }
        finally
        {
            _gate.Exit();
        }
    }

    private void CommitGroup()
    {
        if (_outer is null)
        {
            return;
        }

        var members = _members;
        _members = [];
        try
        {
            _outer.Commit();
            members.ForEach(m => m.TrySetResult());
        }
        catch (Exception e)
        {
            TryRollback();
            members.ForEach(m => m.TrySetException(e));
        }
        finally
        {
            _outer.Dispose();
            _outer = null;
        }
    }

    private void DiscardGroup(Exception cause)
    {
        TryRollback();
        _outer?.Dispose();
        _outer = null;
        _members.ForEach(m => m.TrySetException(cause));
        _members = [];
    }

    private void TryRollback()
    {
        try
        {
            _outer?.Rollback();
        }
        catch (SqliteException)
        {
            // already rolled back by SQLite
        }
        catch (InvalidOperationException)
        {
            // already completed
        }
    }

    /// <summary>Waits for the writer to be free, then closes it.</summary>
    public void Dispose()
    {
        _gate.EnterAsync(urgent: true, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        CommitGroup();
        Handle.Dispose();
    }
}
