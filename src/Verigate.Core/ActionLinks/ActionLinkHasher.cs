using System.Security.Cryptography;
using System.Text;
using Verigate.Core.Challenges;

namespace Verigate.Core.ActionLinks;

/// <summary>
/// Keyed hashes of link tokens, under the code-hash key (never in the database): a copied table gives neither
/// working links nor anything to test guesses against offline.
/// </summary>
public sealed class ActionLinkHasher(CodeHashKey key)
{
    public byte[] Hash(string token) => HMACSHA256.HashData(key.Bytes, Encoding.UTF8.GetBytes("verigate-action-link-v1\n" + token));

    public bool Matches(ActionLink link, string token) => CryptographicOperations.FixedTimeEquals(Hash(token), link.TokenHash);
}
