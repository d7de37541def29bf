using PhoneNumbers;

namespace Verigate.Core.Fraud;

/// <summary>The region (ISO 3166 code) an E.164 number belongs to, as libphonenumber sees it.</summary>
public static class PhoneCountry
{
    public static string? Of(string e164)
    {
        try
        {
            var util = PhoneNumberUtil.GetInstance();
            return util.GetRegionCodeForNumber(util.Parse(e164, null));
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
