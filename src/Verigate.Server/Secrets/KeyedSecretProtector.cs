using Verigate.Core.Challenges;
using Verigate.Core.TwoFactor;

namespace Verigate.Server.Secrets;

/// <summary>TOTP seeds at rest, sealed by <see cref="KeyedSeal"/>: a copy of the store without the code-hash key opens none.</summary>
internal sealed class KeyedSecretProtector(CodeHashKey hashKey) : ISecretProtector
{
    private readonly KeyedSeal _seal = new(hashKey, "verigate-totp-secret-v1", "t1.");

    public string Protect(byte[] secret) => _seal.Seal(secret);

    public byte[]? Unprotect(string protectedSecret) => _seal.Open(protectedSecret);
}
