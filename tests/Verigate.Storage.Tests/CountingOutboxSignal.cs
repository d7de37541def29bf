using Verigate.Core.Outbox;

namespace Verigate.Storage.Tests;

/// <summary>Counts commits that wrote outbox rows.</summary>
public sealed class CountingOutboxSignal : IOutboxSignal
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Notify() => Interlocked.Increment(ref _count);
}
