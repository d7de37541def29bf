namespace Verigate.Core.Destinations;

/// <summary>How a message travels: the wire names are "sms" and "email".</summary>
public enum Channel
{
    Sms,
    Email,
}
