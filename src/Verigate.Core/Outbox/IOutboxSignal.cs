namespace Verigate.Core.Outbox;

/// <summary>Told when a transaction that wrote outbox rows commits, so the dispatcher need not wait for its next poll.</summary>
public interface IOutboxSignal
{
    void Notify();
}
