using Verigate.Core.Results;

namespace Verigate.Core.Destinations;

/// <summary>Wire names of <see cref="Channel"/>.</summary>
public static class ChannelNames
{
    public const string Sms = "sms";
    public const string Email = "email";

    public static string ToWire(this Channel channel) => channel == Channel.Sms ? Sms : Email;

    /// <summary>A channel named in a request; 400 <c>invalid_request</c> on the field otherwise.</summary>
    public static Result<Channel> Parse(string? value, string field = "channel") =>
        TryParse(value, out var channel) ? channel : Error.InvalidRequest(field, $"{field} must be \"{Sms}\" or \"{Email}\".");

    /// <summary>Like <see cref="Parse"/>, but a missing value means "no preference" (null).</summary>
    public static Result<Channel?> ParseOptional(string? value, string field = "channel")
    {
        if (value is null)
        {
            return Result<Channel?>.Success(null);
        }

        var parsed = Parse(value, field);
        return parsed.IsSuccess ? parsed.Value : parsed.Error;
    }

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
