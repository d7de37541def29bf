using System.Security.Cryptography;

namespace Verigate.Core.Challenges;

/// <summary>The secret key codes are hashed under, with a fingerprint instances compare at start-up.</summary>
public sealed class CodeHashKey
{
    public const int MinimumBytes = 32;

    public CodeHashKey(byte[] bytes)
    {
        if (bytes.Length < MinimumBytes)
        {
            throw new ArgumentException($"The code hash key must have at least {MinimumBytes} bytes.", nameof(bytes));
        }

        Bytes = bytes;
    }

    /// <summary>The raw key; only the key loader and the hasher touch it.</summary>
    public byte[] Bytes { get; }

    /// <summary>
    /// A value that identifies the key without revealing it. Stored in the database by the first instance;
    /// an instance whose key gives another fingerprint refuses to start instead of silently rejecting codes.
    /// </summary>
    public string Fingerprint => Convert.ToHexStringLower(HMACSHA256.HashData(Bytes, "verigate-key-fingerprint"u8))[..32];

    public static CodeHashKey Generate() => new(RandomNumberGenerator.GetBytes(MinimumBytes));
}
