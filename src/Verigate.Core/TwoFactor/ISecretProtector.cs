namespace Verigate.Core.TwoFactor;

/// <summary>Encrypts secrets kept at rest (TOTP seeds); ASP.NET Core Data Protection in the server.</summary>
public interface ISecretProtector
{
    string Protect(byte[] secret);

    /// <summary>The secret, or null when the ciphertext cannot be opened (rotated-out or tampered key).</summary>
    byte[]? Unprotect(string protectedSecret);
}
