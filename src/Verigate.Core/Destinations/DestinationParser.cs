using System.Globalization;
using PhoneNumbers;
using Verigate.Core.Results;

namespace Verigate.Core.Destinations;

/// <summary>
/// Turns user input into a normalized <see cref="Destination"/>, refusing anything a code must not go to:
/// malformed addresses, header-injection characters, and phone numbers that cannot receive an SMS or that
/// cost the sender (premium-rate, shared-cost) — the classic SMS-pumping targets.
/// </summary>
public static class DestinationParser
{
    public const int MaxEmailLength = 254;
    public const int MaxPhoneInputLength = 32;

    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();
    private static readonly IdnMapping Idn = new();

    private static readonly HashSet<PhoneNumberType> SmsCapable =
    [
        PhoneNumberType.MOBILE,
        PhoneNumberType.FIXED_LINE_OR_MOBILE,
        PhoneNumberType.PERSONAL_NUMBER,
        PhoneNumberType.VOIP,
    ];

    public static Result<Destination> Parse(string? input, Channel channel, string field) =>
        channel == Channel.Sms ? ParsePhone(input, field) : ParseEmail(input, field);

    /// <summary>Email if it has an '@', otherwise a phone number (used for logins).</summary>
    public static Result<Destination> ParseEither(string? input, string field) =>
        input is not null && input.Contains('@', StringComparison.Ordinal)
            ? ParseEmail(input, field)
            : ParsePhone(input, field);

    public static Result<Destination> ParsePhone(string? input, string field)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > MaxPhoneInputLength || HasControlCharacters(input))
        {
            return Invalid(field, "Enter a phone number in international format, such as +49 151 23456789.");
        }

        var trimmed = input.Trim();
        if (!trimmed.StartsWith('+'))
        {
            return Invalid(field, "Phone numbers need their country code, starting with '+'.");
        }

        PhoneNumber number;
        try
        {
            number = Phones.Parse(trimmed, null);
        }
        catch (NumberParseException)
        {
            return Invalid(field, "This is not a valid phone number.");
        }

        if (!Phones.IsValidNumber(number))
        {
            return Invalid(field, "This is not a valid phone number.");
        }

        if (!SmsCapable.Contains(Phones.GetNumberType(number)))
        {
            return Invalid(field, "Codes can only be sent to mobile numbers; this number cannot receive them.");
        }

        return new Destination(Channel.Sms, Phones.Format(number, PhoneNumberFormat.E164));
    }

    public static Result<Destination> ParseEmail(string? input, string field)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > MaxEmailLength || HasControlCharacters(input))
        {
            return Invalid(field, "Enter an email address such as name@example.com.");
        }

        var trimmed = input.Trim();
        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1 || at > 64)
        {
            return Invalid(field, "Enter an email address such as name@example.com.");
        }

        var local = trimmed[..at];
        if (!IsValidLocalPart(local))
        {
            return Invalid(field, "The part before '@' has characters an email address cannot have.");
        }

        string domain;
        try
        {
            domain = Idn.GetAscii(trimmed[(at + 1)..]).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return Invalid(field, "The part after '@' is not a valid domain.");
        }

        if (!IsValidDomain(domain))
        {
            return Invalid(field, "The part after '@' is not a valid domain.");
        }

        // Mailbox names are case-insensitive in practice everywhere we deliver; one spelling per address.
        return new Destination(Channel.Email, $"{local.ToLowerInvariant()}@{domain}");
    }

    private static bool IsValidLocalPart(string local)
    {
        if (local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in local)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !"!#$%&'*+-/=?^_`{|}~.".Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsValidDomain(string domain)
    {
        var labels = domain.Split('.');
        if (labels.Length < 2 || domain.Length > 253)
        {
            return false;
        }

        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label.StartsWith('-') || label.EndsWith('-'))
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }
        }

        return !labels[^1].All(char.IsAsciiDigit);
    }

    private static bool HasControlCharacters(string value) => value.Any(char.IsControl);

    private static Error Invalid(string field, string message) => new(ErrorCodes.InvalidDestination, message, field);
}
