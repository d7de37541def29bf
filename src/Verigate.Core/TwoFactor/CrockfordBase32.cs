namespace Verigate.Core.TwoFactor;

/// <summary>
/// Crockford's base32: no I, L, O or U, and reading forgives the look-alikes (I and L are 1, O is 0), so a code
/// copied from paper by hand still works.
/// </summary>
public static class CrockfordBase32
{
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>The symbol for a 5-bit value.</summary>
    public static char Symbol(int value) => Alphabet[value & 31];

    /// <summary>The canonical form of what a person typed: upper case, look-alikes mapped, separators dropped; null when a character is not base32.</summary>
    public static string? Normalize(string input)
    {
        var chars = new List<char>(input.Length);
        foreach (var raw in input)
        {
            if (raw is '-' or ' ')
            {
                continue;
            }

            var c = char.ToUpperInvariant(raw) switch
            {
                'I' or 'L' => '1',
                'O' => '0',
                var other => other,
            };
            if (!char.IsAscii(c) || Alphabet.IndexOf(c, StringComparison.Ordinal) < 0)
            {
                return null;
            }

            chars.Add(c);
        }

        return new string([.. chars]);
    }
}
