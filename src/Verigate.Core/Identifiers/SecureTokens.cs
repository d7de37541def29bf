using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Verigate.Core.Identifiers;

/// <summary>Random bearer secrets (session and device tokens, API keys, challenge ids) and their at-rest hashes.</summary>
public static class SecureTokens
{
    /// <summary>A fresh secret of <paramref name="bytes"/> random bytes, base64url, behind a readable prefix.</summary>
    public static string Create(string prefix, int bytes = 32)
    {
        Span<byte> buffer = stackalloc byte[bytes];
        RandomNumberGenerator.Fill(buffer);
        return prefix + Base64Url.EncodeToString(buffer);
    }

    /// <summary>
    /// SHA-256 of a token. The tokens carry at least 128 random bits, so a fast unkeyed hash is enough:
    /// a stolen table gives nothing to brute-force.
    /// </summary>
    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
