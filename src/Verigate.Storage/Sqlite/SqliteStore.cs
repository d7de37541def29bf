using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Verigate.Core.Outbox;
using Verigate.Core.Storage;
using Verigate.Storage.Sql;

namespace Verigate.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. All writes go through a single connection, one session at a
/// time with group commit (<see cref="SqliteWriter"/>), so writers queue in memory instead of spinning on
/// SQLITE_BUSY; reads use a pool of read-only connections that never block the writer. Several processes must
/// not share one file: use PostgreSQL for that.
/// </summary>
public sealed class SqliteStore : IStore, IDisposable
{
    // Enough idle readers for 64 concurrent requests without reopening connections (and re-preparing statements).
    private const int MaxIdleReaders = 64;
    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromMilliseconds(250);

    // The log is started over once it holds this many pages (16 MiB at 4 KiB): long enough that holding the
    // writer for the tail of a checkpoint is rare, short enough to stay in the page cache.
    internal const int DefaultRestartFrames = 4096;

    // How long a restart, holding the writer, waits for readers of older snapshots before trying again next tick.
    private static readonly TimeSpan RestartWait = TimeSpan.FromMilliseconds(20);

    private readonly string _connectionString;
    private readonly SqliteSynchronous _synchronous;
    private readonly IOutboxSignal _signal;
    private readonly SqliteWriter _writer;
    private readonly ConcurrentBag<SqliteConnectionHandle> _readers = [];
    private readonly SqliteConnectionHandle _checkpointer;
    private readonly Timer _checkpointTimer;
    private readonly int _restartFrames;
    private int _checkpointing;
    private long _lastWalFrames = -1;
    private bool _disposed;

    private SqliteStore(string connectionString, SqliteSynchronous synchronous, IOutboxSignal signal, int restartFrames)
    {
        _connectionString = connectionString;
        _synchronous = synchronous;
        _signal = signal;
        _restartFrames = restartFrames;
        _writer = new SqliteWriter(new SqliteConnectionHandle(connectionString, synchronous, readOnly: false, autoCheckpoint: false));

        // Checkpoints (copying the WAL into the database file, with an fsync) would otherwise run inside whichever
        // request's commit crossed the threshold. A background connection does them instead; PASSIVE never blocks
        // the writer or readers (only the log's restart, below, holds the writer, for milliseconds). Its busy
        // timeout is short because a restart waits for readers while it holds the writer.
        _checkpointer = new SqliteConnectionHandle(connectionString, synchronous, readOnly: false);
        _checkpointer.Command($"PRAGMA busy_timeout = {(int)RestartWait.TotalMilliseconds}", null).ExecuteNonQuery();
        _checkpointTimer = new Timer(_ => _ = CheckpointAsync(), null, CheckpointInterval, CheckpointInterval);
    }

    private async Task CheckpointAsync()
    {
        if (Interlocked.Exchange(ref _checkpointing, 1) == 1)
        {
            return;
        }

        try
        {
            if (!_disposed)
            {
                var (busy, walFrames, checkpointed) = WalCheckpoint("PASSIVE");

                // Under steady writes a background checkpoint never catches up with the log's end, and SQLite
                // starts the log over only when a write finds it all copied: the WAL grew by every page written
                // (gigabytes in a benchmark minute), each write extending the file, each new file page zeroed by
                // the kernel first. Once the log is long enough, the rest is copied with the writer held between
                // groups, and RESTART waits (briefly) for readers of older snapshots, so the next write starts
                // over at the log's beginning, on file pages already there. A second PASSIVE first copies what
                // came in during the first, so the writer is held for the last few milliseconds' pages only.
                if (walFrames >= _restartFrames)
                {
                    WalCheckpoint("PASSIVE");
                    await _writer.RunBetweenGroupsAsync(() => WalCheckpoint("RESTART"), CancellationToken.None);
                    _lastWalFrames = -1;
                    return;
                }

                // A burst can leave a long WAL behind, and SQLite reuses the file but never shrinks it. Once
                // everything is copied and no write came in since the last tick (idle), TRUNCATE empties it.
                var idle = walFrames == _lastWalFrames;
                _lastWalFrames = walFrames;
                if (busy == 0 && walFrames > 0 && walFrames == checkpointed && idle)
                {
                    WalCheckpoint("TRUNCATE");
                    _lastWalFrames = 0;
                }
            }
        }
        catch (SqliteException)
        {
            // Busy or closing: the next tick tries again.
        }
        catch (Exception) when (_disposed)
        {
            // Closing: the connections went away under the checkpoint.
        }
        finally
        {
            Volatile.Write(ref _checkpointing, 0);
        }
    }

    /// <summary>Runs a checkpoint on the background connection; (busy, frames in the log, frames copied).</summary>
    private (long Busy, long WalFrames, long Checkpointed) WalCheckpoint(string mode)
    {
        using var reader = _checkpointer.Command($"PRAGMA wal_checkpoint({mode})", null).ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)) : (1L, -1L, 0L);
    }

    /// <summary>Opens (creating if needed) the database file and brings its schema up to date.</summary>
    public static Task<SqliteStore> OpenAsync(string connectionString, SqliteSynchronous synchronous, IOutboxSignal signal, CancellationToken ct) =>
        OpenAsync(connectionString, synchronous, signal, DefaultRestartFrames, ct);

    /// <summary>As <see cref="OpenAsync(string, SqliteSynchronous, IOutboxSignal, CancellationToken)"/>, with the log's restart length (tests use a short one).</summary>
    internal static async Task<SqliteStore> OpenAsync(string connectionString, SqliteSynchronous synchronous, IOutboxSignal signal, int restartFrames, CancellationToken ct)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var path = Path.GetFullPath(builder.DataSource);
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            OwnerOnly.CreateDirectory(directory);
        }

        // The file holds session and device token hashes, code hashes and inbox codes: owner-only from the first
        // byte (SQLite creates its -wal and -shm files with the database file's permissions).
        if (!File.Exists(path))
        {
            OwnerOnly.CreateEmptyFile(path);
        }

        // We keep our own writer and reader connections; the provider's pool would hand a reader (query_only)
        // back out as a writer to the next store opened on the same file.
        builder.Pooling = false;
        var store = new SqliteStore(builder.ToString(), synchronous, signal, restartFrames);
        await SqlMigrator.ApplyAsync(store._writer.Handle.Connection, typeof(SqliteStore).Assembly, "Verigate.Storage.Sqlite.Migrations.", ct);
        return store;
    }

    public ValueTask<IStoreSession> BeginWriteAsync(CancellationToken ct) => BeginWriteAsync(urgent: false, ct);

    public ValueTask<IStoreSession> BeginUrgentWriteAsync(CancellationToken ct) => BeginWriteAsync(urgent: true, ct);

    private async ValueTask<IStoreSession> BeginWriteAsync(bool urgent, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var transaction = await _writer.EnterAsync(urgent, ct);
        return SqliteSession.ForWrite(_writer, transaction, urgent, _signal);
    }

    public ValueTask<IStoreSession> OpenReadAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var handle = _readers.TryTake(out var idle) ? idle : new SqliteConnectionHandle(_connectionString, _synchronous, readOnly: true);
        return ValueTask.FromResult<IStoreSession>(SqliteSession.ForRead(handle, ReturnReader, _signal));
    }

    private void ReturnReader(SqliteConnectionHandle handle)
    {
        if (_disposed || _readers.Count >= MaxIdleReaders)
        {
            handle.Dispose();
        }
        else
        {
            _readers.Add(handle);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _checkpointTimer.Dispose();
        SpinWait.SpinUntil(() => Volatile.Read(ref _checkpointing) == 0);
        _checkpointer.Dispose();
        _writer.Dispose();
        while (_readers.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }
}
