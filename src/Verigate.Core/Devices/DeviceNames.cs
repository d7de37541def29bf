namespace Verigate.Core.Devices;

/// <summary>
/// Names of devices: one people recognize ("Firefox on Windows") for a device whose client sent none, read from its
/// User-Agent; and the rule for showing a name. Names come from the client, so one could carry a phishing line
/// ("call +1 …"): nothing is decided on a name, and a message or an activity entry shows one only if it is short and
/// made of plain characters.
/// </summary>
public static class DeviceNames
{
    public const int MaxShownLength = 40;

    // First match wins: Edge and Opera also say "Chrome", Chrome also says "Safari".
    private static readonly (string Token, string Name)[] Browsers =
    [
        ("Edg/", "Edge"), ("EdgA/", "Edge"), ("EdgiOS/", "Edge"), ("OPR/", "Opera"), ("SamsungBrowser/", "Samsung Internet"),
        ("Firefox/", "Firefox"), ("FxiOS/", "Firefox"), ("CriOS/", "Chrome"), ("Chrome/", "Chrome"), ("Version/", "Safari"),
    ];

    private static readonly (string Token, string Name)[] Systems =
    [
        ("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"), ("CrOS", "ChromeOS"), ("Windows", "Windows"),
        ("Mac OS X", "macOS"), ("Macintosh", "macOS"), ("Linux", "Linux"),
    ];

    /// <summary>"Browser on system" when the User-Agent says so; else its first product token, shortened; null without one.</summary>
    public static string? FromUserAgent(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return null;
        }

        var browser = Array.Find(Browsers, b => userAgent.Contains(b.Token, StringComparison.Ordinal)).Name;
        var system = Array.Find(Systems, s => userAgent.Contains(s.Token, StringComparison.Ordinal)).Name;
        return (browser, system) switch
        {
            (not null, not null) => $"{browser} on {system}",
            (not null, null) => browser,
            (null, not null) => system,
            _ => First(userAgent.Trim()),
        };
    }

    /// <summary>The name fit to show in a message, or null.</summary>
    public static string? Shown(string? name)
    {
        var trimmed = name?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxShownLength
            || !trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '.' or '-' or '_' or '(' or ')' or ',')
            ? null
            : trimmed;
    }

    private static string First(string userAgent)
    {
        var token = userAgent.Split(' ', 2)[0];
        return token.Length > MaxShownLength ? token[..MaxShownLength] : token;
    }
}
