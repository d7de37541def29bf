using System.Security.Cryptography;
using System.Text;
using Verigate.Core.Challenges;

namespace Verigate.Server.Secrets;

/// <summary>
/// Keeps a code re-deliverable while its challenge is open: AES-256-GCM under a key derived from the code-hash
/// key. That key is never in the store (it comes from <c>Codes:HashKey</c> or the owner-only key file), so a copy
/// of the database, a <c>pg_dump</c> or a backup of the data directory without it opens no code. (The Data
/// Protection key ring sat beside the ciphertexts it protected, in the same store: it is no longer used for codes.)
/// </summary>
internal sealed class KeyedCodeVault : ICodeVault
{
    private const string Prefix = "v2.";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private readonly byte[] _key;

    public KeyedCodeVault(CodeHashKey hashKey)
    {
        // A separate subkey, so the vault's key and the code hashes' key are never the same bytes.
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, hashKey.Bytes, 32, salt: [], info: "verigate-code-vault-v2"u8.ToArray());
    }

    public string Protect(string code)
    {
        var plain = Encoding.UTF8.GetBytes(code);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), Encoding.ASCII.GetBytes(Prefix));
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    public string? Unprotect(string protectedCode)
    {
        if (!protectedCode.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null; // written by an older version under the Data Protection ring: not re-deliverable, a new code is needed
        }

        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(protectedCode[Prefix.Length..]);
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
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, length), sealedBytes.AsSpan(NonceBytes + length), plain, Encoding.ASCII.GetBytes(Prefix));
            return Encoding.UTF8.GetString(plain);
        }
        catch (CryptographicException)
        {
            return null; // another key (or tampered ciphertext)
        }
    }
}
