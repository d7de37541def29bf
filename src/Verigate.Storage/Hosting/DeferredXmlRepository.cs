using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Verigate.Storage.Hosting;

/// <summary>
/// Creates the real key-ring repository on its first use. Razor Pages resolve Data Protection while the app is
/// merely built; creating the repository then would touch the data directory and the settings before start-up's own
/// checks (a bad directory or setting would surface as a raw exception instead of their one-line refusal).
/// </summary>
internal sealed class DeferredXmlRepository(Func<IXmlRepository> create) : IXmlRepository
{
    private readonly Lazy<IXmlRepository> _inner = new(create);

    public IReadOnlyCollection<XElement> GetAllElements() => _inner.Value.GetAllElements();

    public void StoreElement(XElement element, string friendlyName) => _inner.Value.StoreElement(element, friendlyName);
}
