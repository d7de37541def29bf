namespace Verigate.Delivery.Channels;

/// <summary>
/// Settings every channel has: whether it may be used at all (an operator may switch SMS off, for cost or fraud),
/// and whether a real gateway is configured for it (otherwise its messages go to the development inbox).
/// </summary>
public class ChannelOptions
{
    public bool Enabled { get; set; } = true;

    public virtual bool IsConfigured => false;
}
