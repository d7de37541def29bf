namespace Verigate.Core.Destinations;

/// <summary>Masks destinations for responses and logs: <c>+49 ••• ••• 78</c>, <c>j•••@e•••.com</c>.</summary>
public static class DestinationMasker
{
    private const string Dots = "•••";

    public static string Mask(Destination destination) =>
        destination.IsPhone ? MaskPhone(destination.Value) : MaskEmail(destination.Value);

    private static string MaskPhone(string e164)
    {
        var countryCode = PhoneNumbers.PhoneNumberUtil.GetInstance().Parse(e164, null).CountryCode;
        return $"+{countryCode} {Dots} {Dots} {e164[^2..]}";
    }

    private static string MaskEmail(string email)
    {
        var at = email.LastIndexOf('@');
        var domain = email[(at + 1)..];
        var lastDot = domain.LastIndexOf('.');
        var tld = lastDot > 0 ? domain[lastDot..] : string.Empty;
        return $"{email[0]}{Dots}@{domain[0]}{Dots}{tld}";
    }
}
