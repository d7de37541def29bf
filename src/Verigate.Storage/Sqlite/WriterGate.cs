namespace Verigate.Storage.Sqlite;

/// <summary>
/// The one-writer-at-a-time lock of the SQLite store, with a priority lane: waiters that ask for it are let in
/// before ordinary ones (the outbox dispatcher, whose every wait delays a message someone is waiting for).
/// Within a lane, first come, first served.
/// </summary>
internal sealed class WriterGate
{
    private readonly Lock _lock = new();
    private readonly Queue<TaskCompletionSource> _urgent = new();
    private readonly Queue<TaskCompletionSource> _normal = new();
    private bool _held;

    public async ValueTask EnterAsync(bool urgent, CancellationToken ct)
    {
        TaskCompletionSource waiter;
        lock (_lock)
        {
            if (!_held)
            {
                _held = true;
                return;
            }

            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            (urgent ? _urgent : _normal).Enqueue(waiter);
        }

        // A cancelled waiter stays queued but is skipped when its turn comes (TrySetResult fails on it).
        await using var registration = ct.UnsafeRegister(static (state, token) => ((TaskCompletionSource)state!).TrySetCanceled(token), waiter);
        await waiter.Task;
    }

    /// <summary>Passes the lock straight to the next live waiter; false (still holding it) when nobody waits.</summary>
    public bool TryHandOver()
    {
        lock (_lock)
        {
            while (_urgent.TryDequeue(out var next) || _normal.TryDequeue(out next))
            {
                if (next.TrySetResult())
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Releases the lock if nobody waits; false (still holding it) when someone arrived meanwhile.</summary>
    public bool TryRelease()
    {
        lock (_lock)
        {
            if (_urgent.Any(w => !w.Task.IsCompleted) || _normal.Any(w => !w.Task.IsCompleted))
            {
                return false;
            }

            _urgent.Clear();
            _normal.Clear();
            _held = false;
            return true;
        }
    }

    /// <summary>Releases the lock, handing it over if anyone waits.</summary>
    public void Exit()
    {
        while (!TryHandOver() && !TryRelease())
        {
        }
    }
}
