using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Verigate.Core.TwoFactor;

/// <summary>
/// Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP): SHA-1, 30-second steps, 6 digits by default —
/// the only parameters every authenticator app supports.
/// </summary>
public static class Totp
{
    public const int Digits = 6;
    public const int SecretBytes = 20; // 160 bits, RFC 4226's recommended length
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    /// <summary>The step number (T in RFC 6238) an instant falls in.</summary>
    public static long StepAt(DateTimeOffset at) => at.ToUnixTimeSeconds() / (long)Step.TotalSeconds;

    /// <summary>The code for one step, with leading zeros kept.</summary>
    public static string Compute(ReadOnlySpan<byte> secret, long step, int digits = Digits, HashAlgorithmName? algorithm = null)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var name = algorithm ?? HashAlgorithmName.SHA1;
#pragma warning disable CA5350 // RFC 6238 as authenticator apps implement it is HMAC-SHA1; HMAC's security does not rest on SHA-1's collision resistance
        var mac = name == HashAlgorithmName.SHA1 ? HMACSHA1.HashData(secret, counter)
            : name == HashAlgorithmName.SHA256 ? HMACSHA256.HashData(secret, counter)
            : name == HashAlgorithmName.SHA512 ? HMACSHA512.HashData(secret, counter)
            : throw new ArgumentOutOfRangeException(nameof(algorithm));
#pragma warning restore CA5350

        // Dynamic truncation (RFC 4226 §5.3).
        var offset = mac[^1] & 0x0f;
        var binary = BinaryPrimitives.ReadInt32BigEndian(mac.AsSpan(offset, 4)) & 0x7fffffff;
        var modulus = 1;
        for (var i = 0; i < digits; i++)
        {
            modulus *= 10;
        }

        return (binary % modulus).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>
    /// The step a code matches among the current step and one either side (clock drift of phones), newer than
    /// <paramref name="lastUsedStep"/>; null when none. Every candidate is compared, in constant time, so the
    /// answer's timing does not say which step was tried.
    /// </summary>
    public static long? Match(ReadOnlySpan<byte> secret, string code, DateTimeOffset now, long? lastUsedStep)
    {
        if (!IsWellFormed(code))
        {
            return null;
        }

        var current = StepAt(now);
        long? matched = null;
        for (var step = current - 1; step <= current + 1; step++)
        {
            var candidate = Compute(secret, step);
            var equal = CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(candidate), System.Text.Encoding.ASCII.GetBytes(code));
            if (equal && (lastUsedStep is null || step > lastUsedStep) && matched is null)
            {
                matched = step;
            }
        }

        return matched;
    }

    /// <summary>Exactly six ASCII digits (not "٣", not a seventh digit).</summary>
    public static bool IsWellFormed(string? code) =>
        code is { Length: Digits } && code.All(char.IsAsciiDigit);

    /// <summary>A new secret from the system's CSPRNG.</summary>
    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(SecretBytes);
}
