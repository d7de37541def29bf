using Microsoft.Extensions.Options;
using Verigate.Core.Destinations;
using Verigate.Core.Outbox;
using Verigate.Core.Storage;
using Verigate.Delivery.Channels;

namespace Verigate.Delivery.DevInbox;

/// <summary>
/// Delivers the channels that have no real gateway into the development inbox table. Idempotent per outbox row,
/// so the dispatcher's at-least-once redelivery after a crash shows up once.
/// </summary>
public sealed class DevInboxSender(IStore store, TimeProvider time, IOptions<DeliveryOptions> options) : IStoreBackedSender
{
    private static readonly SendOutcome Delivered = new(DeliveryStatus.Delivered, "Delivered to the development inbox.");

    public bool Handles(Channel channel) => options.Value.UsesDevInboxFor(channel);

    public string Provider => "dev_inbox";

    public SendOutcome DecoyOutcome => Delivered;

    public async Task<SendOutcome> SendAsync(RenderedMessage message, CancellationToken ct)
    {
        await using var tx = await store.BeginWriteAsync(ct);
        await DeliverAsync(tx, message, ct);
        await tx.CommitAsync(ct);
        return Delivered;
    }

    public Task DeliverAsync(IStoreSession tx, RenderedMessage message, CancellationToken ct) =>
        tx.DevInbox.DeliverAsync(
            new DevMessage(0, message.OutboxId, message.To.Channel.ToWire(), message.To.Value, message.Subject, message.Body, time.GetUtcNow()), ct);
}
