using Verigate.Core.Destinations;
using Verigate.Delivery.Channels;
using Verigate.Delivery.Email;
using Verigate.Delivery.Fallback;
using Verigate.Delivery.Outbox;
using Verigate.Delivery.Sms;
using Verigate.Delivery.Templates;

namespace Verigate.Delivery;

/// <summary>Delivery settings (configuration section <c>Delivery</c>).</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    public SmsOptions Sms { get; set; } = new();
    public EmailOptions Email { get; set; } = new();
    public DispatcherOptions Dispatcher { get; set; } = new();
    public FallbackOptions Fallback { get; set; } = new();
    public TemplateOptions Templates { get; set; } = new();

    /// <summary>
    /// True while some channel has no real gateway configured (the out-of-the-box default has none): that channel's
    /// messages then go to the built-in development inbox, and the inbox endpoints exist.
    /// </summary>
    public bool UsesDevInbox => UsesDevInboxFor(Channel.Email) || UsesDevInboxFor(Channel.Sms);

    /// <summary>
    /// Configuring a gateway for a channel takes that channel out of the development inbox, and so does turning
    /// the channel off: the inbox never serves a disabled channel, and with every enabled channel on a real
    /// gateway the inbox endpoints are not mounted at all.
    /// </summary>
    public bool UsesDevInboxFor(Channel channel) => For(channel).Enabled && !For(channel).IsConfigured;

    public ChannelOptions For(Channel channel) => channel == Channel.Sms ? Sms : Email;

    public IEnumerable<string> Validate() => Dispatcher.Validate().Concat(Email.Validate()).Concat(Sms.Validate()).Concat(Fallback.Validate()).Concat(Templates.Validate());
}
