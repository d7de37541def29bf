namespace Verigate.Core.Devices;

/// <summary>
/// Device names come from the client, so one could carry a phishing line ("call +1 …"). A message or an activity
/// entry shows a name only if it is short and made of plain characters; otherwise it leaves the name out.
/// </summary>
public static class DeviceNames
{
    public const int MaxShownLength = 40;

    /// <summary>The name fit to show in a message, or null.</summary>
    public static string? Shown(string? name)
    {
        var trimmed = name?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxShownLength
            || !trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '.' or '-' or '_' or '(' or ')' or ',')
            ? null
            : trimmed;
    }
}
