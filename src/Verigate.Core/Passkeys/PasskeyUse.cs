using System.Globalization;

namespace Verigate.Core.Passkeys;

/// <summary>
/// A verified passkey assertion: which credential, and the counter and backup flag it reported. Also travels as a
/// second-factor answer (<see cref="ToAnswerValue"/>), which only the edge can build: no API field parses into it.
/// </summary>
public sealed record PasskeyUse(byte[] CredentialId, long SignCount, bool BackedUp, DateTimeOffset At)
{
    public string ToAnswerValue() => string.Join(':', Convert.ToBase64String(CredentialId), SignCount.ToString(CultureInfo.InvariantCulture), BackedUp ? "1" : "0");

    public static PasskeyUse? FromAnswerValue(string value, DateTimeOffset at)
    {
        var parts = value.Split(':');
        if (parts.Length != 3 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return null;
        }

        try
        {
            return new PasskeyUse(Convert.FromBase64String(parts[0]), count, parts[2] == "1", at);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
