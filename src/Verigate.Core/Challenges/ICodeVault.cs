namespace Verigate.Core.Challenges;

/// <summary>Encrypts a code for re-delivery while its challenge is open (AES-GCM under a key that is never in the store, in the server).</summary>
public interface ICodeVault
{
    string Protect(string code);

    /// <summary>The code, or null when the ciphertext cannot be opened (rotated-out or tampered key).</summary>
    string? Unprotect(string protectedCode);
}
