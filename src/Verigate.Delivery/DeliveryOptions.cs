using Verigate.Delivery.Outbox;

namespace Verigate.Delivery;

/// <summary>Delivery settings (configuration section <c>Delivery</c>).</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    public ChannelOptions Sms { get; set; } = new();
    public ChannelOptions Email { get; set; } = new();
    public DispatcherOptions Dispatcher { get; set; } = new();

    /// <summary>
    /// True while no real gateway is configured (the out-of-the-box default): every message then goes to the
    /// built-in development inbox, and the inbox endpoints exist.
    /// </summary>
    public bool UsesDevInbox => true;

    public IEnumerable<string> Validate() => Dispatcher.Validate();
}

/// <summary>Whether a channel may be used at all (an operator may switch SMS off, for cost or fraud).</summary>
public sealed class ChannelOptions
{
    public bool Enabled { get; set; } = true;
}
