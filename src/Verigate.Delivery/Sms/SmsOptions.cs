namespace Verigate.Delivery.Sms;

/// <summary>The SMS channel (configuration section <c>Delivery:Sms</c>).</summary>
public sealed class SmsOptions : Channels.ChannelOptions
{
    public IEnumerable<string> Validate() => [];
}
