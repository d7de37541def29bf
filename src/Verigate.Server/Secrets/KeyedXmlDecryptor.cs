using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Verigate.Core.Challenges;

namespace Verigate.Server.Secrets;

/// <summary>
/// Opens what <see cref="KeyedXmlEncryptor"/> sealed. Data Protection creates it by type name from the stored XML,
/// with the service provider, so the code-hash key comes from there. Another key (another instance's, or none)
/// cannot open the ring: that is refused loudly rather than silently minting a new ring.
/// </summary>
public sealed class KeyedXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    private readonly KeyedSeal _seal = new(services.GetRequiredService<CodeHashKey>(), KeyedXmlEncryptor.Purpose, KeyedXmlEncryptor.Prefix);

    public XElement Decrypt(XElement encryptedElement)
    {
        var plain = _seal.Open(encryptedElement.Value)
            ?? throw new InvalidOperationException("A Data Protection key could not be opened with this code-hash key (Codes:HashKey / code-hash.key).");
        return XElement.Parse(Encoding.UTF8.GetString(plain));
    }
}
