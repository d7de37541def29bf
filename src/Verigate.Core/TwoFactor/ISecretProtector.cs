namespace Verigate.Core.TwoFactor;

/// <summary>Encrypts secrets kept at rest (TOTP seeds) under a key that is never in the store.</summary>
public interface ISecretProtector
{
    string Protect(byte[] secret);

    /// <summary>The secret, or null when the ciphertext cannot be opened (rotated-out or tampered key).</summary>
    byte[]? Unprotect(string protectedSecret);
}
