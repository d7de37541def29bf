using System.Threading.Channels;
using Verigate.Core.Outbox;

namespace Verigate.Delivery.Outbox;

/// <summary>Wakes the dispatcher when this instance commits outbox rows; many notifications fold into one wake-up.</summary>
public sealed class OutboxSignal : IOutboxSignal
{
    private readonly Channel<bool> _wakeups = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _wakeups.Writer.TryWrite(true);

    /// <summary>Waits for a notification or the timeout (wall-clock: it paces polling, not policy), whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            await _wakeups.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // poll interval elapsed
        }
    }
}
