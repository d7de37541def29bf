namespace Verigate.Core.Storage;

/// <summary>
/// Opens the configured store: registered by the storage project in use (<c>AddVerigateSqlite</c> or
/// <c>AddVerigatePostgres</c>) and called once, asynchronously, when the host starts (<see cref="StoreHandle"/>).
/// </summary>
public interface IStoreOpener
{
    /// <summary>Opens the store, bringing its schema up to date where the settings allow, and checks it is usable.</summary>
    Task<OpenedStore> OpenAsync(CancellationToken ct);

    /// <summary>The <c>migrate</c> command: brings the schema up to date and says where, in one line.</summary>
    Task<string> MigrateAsync(CancellationToken ct);
}
