namespace Verigate.Core.Destinations;

/// <summary>Which channels this deployment can deliver on (decided by the delivery configuration).</summary>
public interface IChannelAvailability
{
    bool IsAvailable(Channel channel);
}
