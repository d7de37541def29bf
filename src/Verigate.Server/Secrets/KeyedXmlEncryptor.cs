using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Verigate.Core.Challenges;

namespace Verigate.Server.Secrets;

/// <summary>
/// Encrypts each Data Protection key before it is stored (in PostgreSQL, or in the keys folder beside the SQLite
/// file) with AES-256-GCM under a subkey of the code-hash key, which is never in the store. Without it the ring sat
/// in plain XML next to the data it protects (page cookies, antiforgery tokens, webhook secrets): whoever copied the
/// database or a backup could forge a signed-in cookie or read every webhook secret.
/// </summary>
/// <param name="hashKey">Resolved on first use, not while the app is built (see <c>Verigate.Storage.Hosting.DeferredXmlRepository</c>).</param>
public sealed class KeyedXmlEncryptor(Func<CodeHashKey> hashKey) : IXmlEncryptor
{
    internal const string Purpose = "Verigate.DataProtection.KeyRing";
    internal const string Prefix = "vgdp1:";
    internal const string ElementName = "verigateSealed";

    private readonly Lazy<KeyedSeal> _seal = new(() => new KeyedSeal(hashKey(), Purpose, Prefix));

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        return new EncryptedXmlInfo(new XElement(ElementName, _seal.Value.Seal(plain)), typeof(KeyedXmlDecryptor));
    }
}
