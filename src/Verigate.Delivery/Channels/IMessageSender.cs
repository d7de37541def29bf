using Verigate.Core.Destinations;

namespace Verigate.Delivery.Channels;

/// <summary>A way out for messages: the development inbox today, SMTP and SMS gateways later.</summary>
public interface IMessageSender
{
    /// <summary>A short stable name recorded with each delivery step (<c>smtp</c>, <c>kannel</c>, <c>http</c>, <c>dev_inbox</c>).</summary>
    string Provider { get; }

    bool Handles(Channel channel);

    Task<SendOutcome> SendAsync(RenderedMessage message, CancellationToken ct);

    /// <summary>What this channel would report for a successful send; decoys record exactly this and send nothing.</summary>
    SendOutcome DecoyOutcome { get; }
}
