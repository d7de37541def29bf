namespace Verigate.Server.Tests.Delivery;

/// <summary>Tests that use the one shared Kannel run one at a time (one of them stops and restarts it).</summary>
[CollectionDefinition(Name)]
public sealed class KannelCollection
{
    public const string Name = "kannel";
}
