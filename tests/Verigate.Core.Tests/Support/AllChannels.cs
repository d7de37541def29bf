using Verigate.Core.Destinations;

namespace Verigate.Core.Tests.Support;

/// <summary>A deployment that can send on every channel.</summary>
public sealed class AllChannels : IChannelAvailability
{
    public bool IsAvailable(Channel channel) => true;
}
