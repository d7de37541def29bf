using Verigate.Core.Storage;
using Verigate.Storage.Postgres;

namespace Verigate.Server.Hosting;

/// <summary>
/// The store this instance opened, with what came with it: the node id its new user and device ids carry and,
/// on PostgreSQL, the lease that keeps that id unique among running instances.
/// </summary>
internal sealed class OpenedStore(IStore store, int nodeId, PostgresStore? postgres, PostgresNodeLease? lease)
{
    public IStore Store { get; } = store;

    public int NodeId { get; } = nodeId;

    /// <summary>Set on PostgreSQL: the shared pool the key ring and the node lease use.</summary>
    public PostgresStore? Postgres { get; } = postgres;

    public PostgresNodeLease? Lease { get; } = lease;
}
