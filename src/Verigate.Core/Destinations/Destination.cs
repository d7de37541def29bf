namespace Verigate.Core.Destinations;

/// <summary>A normalized place a message can go: a lower-case email address or an E.164 phone number.</summary>
public sealed record Destination(Channel Channel, string Value)
{
    public bool IsPhone => Channel == Channel.Sms;

    /// <summary>The phone number without its last four digits: SMS-pumping fraud rotates through such blocks.</summary>
    public string? PhonePrefix => IsPhone && Value.Length > 5 ? Value[..^4] : null;

    public string Masked => DestinationMasker.Mask(this);

    public override string ToString() => Masked;
}
