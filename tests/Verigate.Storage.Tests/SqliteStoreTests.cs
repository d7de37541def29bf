using Verigate.Core.Storage;
using Verigate.Storage.Sqlite;

namespace Verigate.Storage.Tests;

/// <summary>The store specification on embedded SQLite: a fresh file per test.</summary>
public sealed class SqliteStoreTests : StoreSpecification
{
    private readonly string _directory = Directory.CreateTempSubdirectory("verigate-store-").FullName;
    private SqliteStore? _store;

    protected override async Task<IStore> CreateStoreAsync()
    {
        _store = await SqliteStore.OpenAsync($"Data Source={Path.Combine(_directory, "verigate.db")}", SqliteSynchronous.Normal, Signal, CancellationToken.None);
        return _store;
    }

    protected override Task DisposeStoreAsync()
    {
        _store?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // the OS temp cleaner takes it
        }

        return Task.CompletedTask;
    }
}
