using System.Security.Cryptography;
using System.Text;
using Verigate.Core.Challenges;

namespace Verigate.Core.TwoFactor;

/// <summary>
/// Recovery codes: ten of them, 50 random bits each, written as two groups of five Crockford base32 symbols
/// ("7KQ2M-XC4RT"), and stored only as HMACs under the code hash key, bound to the account.
/// </summary>
public sealed class RecoveryCodes(CodeHashKey key)
{
    public const int Count = 10;
    public const int Symbols = 10; // × 5 bits = 50 bits
    public const int MaxInputLength = 32;

    /// <summary>A fresh set, for showing once.</summary>
    public static IReadOnlyList<string> Generate()
    {
        var codes = new List<string>(Count);
        for (var i = 0; i < Count; i++)
        {
            var symbols = new char[Symbols];
            for (var s = 0; s < Symbols; s++)
            {
                symbols[s] = CrockfordBase32.Symbol(RandomNumberGenerator.GetInt32(32));
            }

            codes.Add($"{new string(symbols, 0, 5)}-{new string(symbols, 5, 5)}");
        }

        return codes;
    }

    /// <summary>The stored form of a code for an account; null when the text cannot be a recovery code.</summary>
    public byte[]? Hash(long userId, string typed)
    {
        if (typed.Length > MaxInputLength || CrockfordBase32.Normalize(typed) is not { Length: Symbols } canonical)
        {
            return null;
        }

        return HMACSHA256.HashData(key.Bytes, Encoding.ASCII.GetBytes($"verigate-recovery-code-v1\n{userId}\n{canonical}"));
    }

    /// <summary>True when the text has the shape of a recovery code (what the API validates before any lookup).</summary>
    public static bool IsWellFormed(string? typed) =>
        typed is { Length: <= MaxInputLength } && CrockfordBase32.Normalize(typed) is { Length: Symbols };
}
