using System.Security.Cryptography;
using System.Text;

namespace Verigate.Core.Challenges;

/// <summary>
/// Keyed hashes of codes. The HMAC key lives outside the database, and the purpose, subject, destination and
/// challenge id are part of the message, so a stolen table cannot be brute-forced and a code cannot be replayed
/// for another purpose, account or destination.
/// </summary>
public sealed class CodeHasher(CodeHashKey key)
{
    public byte[] Hash(Challenge binding, string code) => HMACSHA256.HashData(key.Bytes, Message(binding, code));

    public bool Matches(Challenge challenge, string code) =>
        CryptographicOperations.FixedTimeEquals(Hash(challenge, code), challenge.CodeHash);

    private static byte[] Message(Challenge c, string code) => Encoding.UTF8.GetBytes(
        $"verigate-code-v1\n{c.Purpose.ToName()}\n{c.Subject.StorageName}:{c.Subject.Id}\n{c.Destination.Value}\n{c.Id}\n{code}");
}
