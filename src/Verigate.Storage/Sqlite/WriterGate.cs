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

    public void Exit()
    {
        lock (_lock)
        {
            while (_urgent.TryDequeue(out var next) || _normal.TryDequeue(out next))
            {
                if (next.TrySetResult())
                {
                    return; // the lock passes straight to the next waiter
                }
            }

            _held = false;
        }
    }
}
