using Verigate.Core.Storage;

namespace Verigate.Delivery.Channels;

/// <summary>
/// A channel whose delivery is a row in the store (the development inbox). The dispatcher writes it in the same
/// transaction that marks the message sent, so it happens exactly once, and costs no transaction of its own.
/// </summary>
public interface IStoreBackedSender : IMessageSender
{
    Task DeliverAsync(IStoreSession tx, RenderedMessage message, CancellationToken ct);
}
