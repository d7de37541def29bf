namespace Verigate.Delivery.Email;

/// <summary>The email channel (configuration section <c>Delivery:Email</c>).</summary>
public sealed class EmailOptions : Channels.ChannelOptions
{
    public SmtpOptions Smtp { get; set; } = new();
    public DkimOptions Dkim { get; set; } = new();

    public override bool IsConfigured => Smtp.IsConfigured;

    public IEnumerable<string> Validate() => Smtp.Validate().Concat(Dkim.Validate());
}
