namespace Verigate.Core.Storage;

/// <summary>
/// A store an <see cref="IStoreOpener"/> opened, with what came with it: the node id this instance's new user and
/// device ids carry (leased from the database on PostgreSQL, so two running instances never share one).
/// </summary>
/// <param name="Store">The store itself.</param>
/// <param name="NodeId">This instance's node id for <see cref="Identifiers.SnowflakeIdGenerator"/>.</param>
/// <param name="Owned">What to dispose when the instance stops (the store, and on PostgreSQL its node lease).</param>
public sealed record OpenedStore(IStore Store, int NodeId, IAsyncDisposable Owned);
