using System.Text;
using Verigate.Core.Challenges;

namespace Verigate.Server.Secrets;

/// <summary>
/// Keeps a code re-deliverable while its challenge is open, sealed by <see cref="KeyedSeal"/>. (The Data
/// Protection key ring sits beside the ciphertexts in the store, so it is not used for codes.) A code sealed by an
/// older version opens to null: it cannot be re-delivered and a new code is needed.
/// </summary>
internal sealed class KeyedCodeVault(CodeHashKey hashKey) : ICodeVault
{
    private readonly KeyedSeal _seal = new(hashKey, "verigate-code-vault-v2", "v2.");

    public string Protect(string code) => _seal.Seal(Encoding.UTF8.GetBytes(code));

    public string? Unprotect(string protectedCode) => _seal.Open(protectedCode) is { } plain ? Encoding.UTF8.GetString(plain) : null;
}
