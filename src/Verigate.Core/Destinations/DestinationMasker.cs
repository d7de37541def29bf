namespace Verigate.Core.Destinations;

/// <summary>Masks destinations for responses and logs: <c>+49 ••• ••• 78</c>, <c>j•••@e•••.com</c>.</summary>
public static class DestinationMasker
{
    private const string Dots = "•••";

    public static string Mask(Destination destination) =>
        destination.IsPhone ? MaskPhone(destination.Value) : MaskEmail(destination.Value);

    // Calling codes are prefix-free, so the country code of an E.164 number is the one known code among its
    // first one to three digits: no need to parse the whole number again on every response and log line.
    private static readonly HashSet<int> CallingCodes = PhoneNumbers.PhoneNumberUtil.GetInstance().GetSupportedCallingCodes();

    private static string MaskPhone(string e164)
    {
        var countryCode = e164[1..2];
        for (var digits = 1; digits <= 3 && digits < e164.Length - 1; digits++)
        {
            if (CallingCodes.Contains(int.Parse(e164.AsSpan(1, digits), System.Globalization.CultureInfo.InvariantCulture)))
            {
                countryCode = e164.Substring(1, digits);
                break;
            }
        }

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
