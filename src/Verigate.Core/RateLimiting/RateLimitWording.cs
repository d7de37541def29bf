using System.Globalization;

namespace Verigate.Core.RateLimiting;

/// <summary>
/// Says which limit refused a request and when to try again, in words a person understands. The words depend
/// only on the counter's kind, never on whether an account exists, and never repeat the destination.
/// </summary>
public static class RateLimitWording
{
    /// <summary>The stable name of the limit behind a counter key (<c>send:dest:…</c> → <c>sends_per_destination</c>).</summary>
    public static string LimitOf(string key) => Kind(key).Name;

    /// <summary>The limit names of the SMS guard's daily velocity counters.</summary>
    public const string SmsPerCountryPerDay = "sms_per_country_per_day", SmsPerPrefixPerDay = "sms_per_prefix_per_day";

    public static string Explain(string key, RateLimit limit, TimeSpan retryAfter)
    {
        var (_, what) = Kind(key);
        return $"Too many {what}: at most {limit.Count} per {Duration(limit.Period)}. Try again in {Duration(retryAfter)}.";
    }

    /// <summary>"3 minutes 20 seconds", "1 hour", "45 seconds".</summary>
    public static string Duration(TimeSpan span)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(span.TotalSeconds));
        var parts = new List<string>(3);
        Add(parts, seconds / 3600, "hour");
        Add(parts, seconds % 3600 / 60, "minute");
        Add(parts, seconds % 60, "second");
        return string.Join(' ', parts.Take(2));
    }

    private static void Add(List<string> parts, int n, string unit)
    {
        if (n > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{n} {unit}{(n == 1 ? string.Empty : "s")}"));
        }
    }

    private static (string Name, string What) Kind(string key) => key switch
    {
        _ when key.StartsWith("sms:country-day:", StringComparison.Ordinal) => (SmsPerCountryPerDay, "text messages to this country today"),
        _ when key.StartsWith("sms:prefix-day:", StringComparison.Ordinal) => (SmsPerPrefixPerDay, "text messages to phone numbers in this area today"),
        _ when key.StartsWith("send:dest:", StringComparison.Ordinal) => ("sends_per_destination", "codes sent to this phone number or email address"),
        _ when key.StartsWith("send:prefix:", StringComparison.Ordinal) => ("sends_per_phone_prefix", "codes sent to phone numbers in this area"),
        _ when key.StartsWith("send:account:", StringComparison.Ordinal) => ("sends_per_account", "codes requested for this sign-in"),
        _ when key.StartsWith("send:ip:", StringComparison.Ordinal) => ("sends_per_ip", "codes requested from your network address"),
        _ when key.StartsWith("send:key:", StringComparison.Ordinal) => ("sends_per_api_key", "codes sent with this API key"),
        _ when key.StartsWith("login:ip", StringComparison.Ordinal) => ("logins_per_ip", "sign-in attempts from your network address"),
        _ when key.StartsWith("login:", StringComparison.Ordinal) => ("logins_per_account", "sign-in attempts for this sign-in name"),
        _ when key.StartsWith("reset:account:", StringComparison.Ordinal) => ("resets_per_account", "password-reset codes for this sign-in"),
        _ when key.StartsWith("reset:prefix:", StringComparison.Ordinal) => ("resets_per_phone_prefix", "password-reset codes to phone numbers in this area"),
        _ when key.StartsWith("reset:ip:", StringComparison.Ordinal) => ("resets_per_ip", "password-reset requests from your network address"),
        _ when key.StartsWith("reset:", StringComparison.Ordinal) => ("resets_per_login", "password-reset requests naming this sign-in"),
        _ when key.StartsWith("support-pin:", StringComparison.Ordinal) => ("support_pins_per_account", "support PINs for this account"),
        _ => ("requests", "requests"),
    };
}
