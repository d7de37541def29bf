using Microsoft.Extensions.Options;
using Verigate.Core.Destinations;

namespace Verigate.Delivery.Channels;

/// <summary>A channel is available when it is switched on and has a gateway, or the development inbox stands in for it.</summary>
public sealed class ChannelAvailability(IOptions<DeliveryOptions> options) : IChannelAvailability
{
    public bool IsAvailable(Channel channel) => options.Value.IsAvailable(channel);
}
