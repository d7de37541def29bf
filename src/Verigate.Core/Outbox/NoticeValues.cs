using System.Globalization;

namespace Verigate.Core.Outbox;

/// <summary>
/// Named values a notice carries to its renderer ("what changed, when, from which device"), travelling in the outbox
/// row's template name after a <c>?</c> as a URL-encoded query (the outbox has no other slot, and a notice must hold
/// everything it says: it is rendered later, maybe after a retry, from that row alone). Never a code or a full address.
/// </summary>
public static class NoticeValues
{
    public const char Separator = '?';

    private const int MaxDeviceNameLength = 40;

    public static string With(string template, IReadOnlyDictionary<string, string> values) =>
        template + Separator + string.Join('&', values.Select(v => Uri.EscapeDataString(v.Key) + "=" + Uri.EscapeDataString(v.Value)));

    /// <summary>The template without its values, and the values (none for a template that carries none).</summary>
    public static (string Template, Dictionary<string, string> Values) Read(string template)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var at = template.IndexOf(Separator, StringComparison.Ordinal);
        if (at < 0)
        {
            return (template, values);
        }

        foreach (var pair in template[(at + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                values[Uri.UnescapeDataString(pair[..eq])] = Uri.UnescapeDataString(pair[(eq + 1)..]);
            }
        }

        return (template[..at], values);
    }

    /// <summary>A time as notices print it: minutes, UTC, the same in every language.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>
    /// A device name fit for a message, or null. It comes from the client, so it could carry a phishing line ("call
    /// +1 …"): only short names of plain characters are kept.
    /// </summary>
    public static string? PlainDeviceName(string? name)
    {
        var trimmed = name?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxDeviceNameLength
            || !trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '.' or '-' or '_' or '(' or ')' or ',')
            ? null
            : trimmed;
    }
}
