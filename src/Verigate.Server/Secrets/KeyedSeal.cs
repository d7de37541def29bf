using System.Security.Cryptography;
using System.Text;
using Verigate.Core.Challenges;

namespace Verigate.Server.Secrets;

/// <summary>
/// AES-256-GCM under a subkey of the code-hash key, which is never in the store: what Verigate keeps encrypted at
/// rest (re-deliverable codes, TOTP seeds) stays closed to whoever copies the database or a backup without it.
/// Each use gets its own subkey (<paramref name="purpose"/>) and a version prefix bound into the tag.
/// </summary>
internal sealed class KeyedSeal(CodeHashKey hashKey, string purpose, string prefix)
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private readonly byte[] _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, hashKey.Bytes, 32, salt: [], info: Encoding.ASCII.GetBytes(purpose));
    private readonly byte[] _associated = Encoding.ASCII.GetBytes(prefix);

    public string Seal(ReadOnlySpan<byte> plain)
    {
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), _associated);
        return prefix + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The plaintext, or null for another key, another format, or tampered bytes.</summary>
    public byte[]? Open(string sealedText)
    {
        if (!sealedText.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(sealedText[prefix.Length..]);
        }
        catch (FormatException)
        {
            return null;
        }

        if (sealedBytes.Length < NonceBytes + TagBytes)
        {
            return null;
        }

        var length = sealedBytes.Length - NonceBytes - TagBytes;
        var plain = new byte[length];
        try
        {
            using var aes = new AesGcm(_key, TagBytes);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, length), sealedBytes.AsSpan(NonceBytes + length), plain, _associated);
            return plain;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
