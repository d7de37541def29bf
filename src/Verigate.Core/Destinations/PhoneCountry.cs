using PhoneNumbers;

namespace Verigate.Core.Destinations;

/// <summary>The country (ISO 3166-1 alpha-2) a phone destination belongs to, as the numbering plan says.</summary>
public static class PhoneCountry
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <summary>"DE" for +49…, "US" or "CA" for +1… by area code; null for email or a number no region claims.</summary>
    public static string? Of(Destination destination)
    {
        if (!destination.IsPhone)
        {
            return null;
        }

        try
        {
            var region = Phones.GetRegionCodeForNumber(Phones.Parse(destination.Value, null));
            return region is null or "ZZ" ? null : region;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>The shape of a country filter: two upper-case letters.</summary>
    public static bool IsCode(string? value) => value is { Length: 2 } && value.All(char.IsAsciiLetterUpper);
}
