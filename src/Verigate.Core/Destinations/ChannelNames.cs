namespace Verigate.Core.Destinations;

/// <summary>Wire names of <see cref="Channel"/>.</summary>
public static class ChannelNames
{
    public const string Sms = "sms";
    public const string Email = "email";

    public static string ToWire(this Channel channel) => channel == Channel.Sms ? Sms : Email;

    public static bool TryParse(string? value, out Channel channel)
    {
        switch (value)
        {
            case Sms:
                channel = Channel.Sms;
                return true;
            case Email:
                channel = Channel.Email;
                return true;
            default:
                channel = default;
                return false;
        }
    }
}
