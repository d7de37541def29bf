using System.Buffers;

namespace Verigate.Delivery.Sms;

/// <summary>
/// How many SMS parts a text needs. GSM-7 when every character is in the GSM 03.38 alphabet (extension characters
/// such as <c>{ } [ ] ~ \ | ^ €</c> count twice), UCS-2 otherwise. Split messages lose room to the concatenation header.
/// </summary>
public static class SmsSegments
{
    private static readonly SearchValues<char> Basic = SearchValues.Create(
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà");

    private static readonly SearchValues<char> Extension = SearchValues.Create("\f^{}\\[~]|€");

    public static SmsEncoding EncodingOf(string text) => Gsm7Length(text) is null ? SmsEncoding.Ucs2 : SmsEncoding.Gsm7;

    /// <summary>Septets the text takes in GSM-7, or null if it cannot be written in GSM-7.</summary>
    public static int? Gsm7Length(string text)
    {
        var length = 0;
        foreach (var c in text)
        {
            if (Basic.Contains(c))
            {
                length++;
            }
            else if (Extension.Contains(c))
            {
                length += 2;
            }
            else
            {
                return null;
            }
        }

        return length;
    }

    public static int Count(string text)
    {
        if (Gsm7Length(text) is { } septets)
        {
            return septets <= 160 ? 1 : (int)Math.Ceiling(septets / 153.0);
        }

        return text.Length <= 70 ? 1 : (int)Math.Ceiling(text.Length / 67.0);
    }
}
