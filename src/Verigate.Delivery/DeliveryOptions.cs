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
    /// <summary>
    /// When the development inbox (which shows codes to anyone who can reach it) stands in for a channel without a
    /// gateway: <see cref="DevInboxMode.Auto"/> only while no gateway is configured at all (the embedded default).
    /// </summary>
    public DevInboxMode DevInbox { get; set; } = DevInboxMode.Auto;

    public bool UsesDevInbox => UsesDevInboxFor(Channel.Email) || UsesDevInboxFor(Channel.Sms);

    /// <summary>
    /// Whether <paramref name="channel"/>'s messages go to the development inbox: never for a channel switched
    /// off, never for one with a gateway, and, unless the inbox is switched on explicitly, never once any real
    /// gateway is configured (a half-configured production server must not publish codes).
    /// </summary>
    public bool UsesDevInboxFor(Channel channel) =>
        For(channel).Enabled && !For(channel).IsConfigured && DevInbox switch
        {
            DevInboxMode.On => true,
            DevInboxMode.Off => false,
            _ => !Email.IsConfigured && !Sms.IsConfigured,
        };

    /// <summary>Whether codes can be sent on <paramref name="channel"/> at all.</summary>
    public bool IsAvailable(Channel channel) => For(channel).Enabled && (For(channel).IsConfigured || UsesDevInboxFor(channel));

    public ChannelOptions For(Channel channel) => channel == Channel.Sms ? Sms : Email;

    public IEnumerable<string> Validate() => Dispatcher.Validate().Concat(Email.Validate()).Concat(Sms.Validate()).Concat(Fallback.Validate()).Concat(Templates.Validate());
}
