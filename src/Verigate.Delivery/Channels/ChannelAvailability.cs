using Microsoft.Extensions.Options;
using Verigate.Core.Destinations;

namespace Verigate.Delivery.Channels;

/// <summary>Channels are available unless the operator switched them off.</summary>
public sealed class ChannelAvailability(IOptions<DeliveryOptions> options) : IChannelAvailability
{
    public bool IsAvailable(Channel channel) => options.Value.For(channel).Enabled;
}
