using System.Globalization;
using Microsoft.Extensions.Localization;
using PhoneNumbers;
using Verigate.Core.DeliveryHealth;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.Console.DeliveryHealth;

/// <summary>How delivery health writes its figures: areas with their calling code, percentages and durations in the reader's culture.</summary>
public static class HealthFormat
{
    /// <summary>"DE (+49)" for a country, the group for email, "unknown" in the reader's language.</summary>
    public static string Area(IStringLocalizer<Text> text, string channel, string area)
    {
        if (area == DeliveryGroup.UnknownArea)
        {
            return text["health.area.unknown"];
        }

        if (area == EmailDomainGroups.Other)
        {
            return text["health.area.other"];
        }

        var code = channel == "sms" ? PhoneNumberUtil.GetInstance().GetCountryCodeForRegion(area) : 0;
        return code == 0 ? area : string.Create(CultureInfo.InvariantCulture, $"{area} (+{code})");
    }

    public static string Percent(double? share) => share is { } s ? s.ToString("P0", CultureInfo.CurrentCulture) : "–";

    public static string Duration(IStringLocalizer<Text> text, TimeSpan? time) => time switch
    {
        null => "–",
        { TotalSeconds: < 60 } t => text["health.seconds", t.TotalSeconds.ToString("0.#", CultureInfo.CurrentCulture)],
        { } t => text["health.minutes", ((int)t.TotalMinutes).ToString(CultureInfo.CurrentCulture), t.Seconds.ToString(CultureInfo.CurrentCulture)],
    };
}
