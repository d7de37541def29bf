using Verigate.Core.Destinations;

namespace Verigate.Delivery.Channels;

/// <summary>A way out for messages: the development inbox today, SMTP and SMS gateways later.</summary>
public interface IMessageSender
{
    bool Handles(Channel channel);

    Task<SendOutcome> SendAsync(RenderedMessage message, CancellationToken ct);

    /// <summary>What this channel would report for a successful send; decoys record exactly this and send nothing.</summary>
    SendOutcome DecoyOutcome { get; }
}
