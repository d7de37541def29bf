using Microsoft.Extensions.Options;
using Verigate.Core;
using Verigate.Core.Challenges;
using Verigate.Core.Outbox;
using Verigate.Core.Storage;
using Verigate.Storage.Hosting;

namespace Verigate.Storage.Sqlite;

/// <summary>Opens the embedded SQLite database (<c>verigate.db</c> in the data directory unless configured), migrating it.</summary>
internal sealed class SqliteStoreOpener(
    IOptions<StorageOptions> storage, IOptions<VerigateOptions> verigate, IOutboxSignal signal, CodeHashKey key) : IStoreOpener
{
    public async Task<OpenedStore> OpenAsync(CancellationToken ct)
    {
        var sqlite = await SqliteStore.OpenAsync(ConnectionString, storage.Value.Synchronous, signal, ct);
        try
        {
            await CodeKeyCheck.EnsureSameKeyAsync(sqlite, key, ct);
            return new OpenedStore(sqlite, verigate.Value.NodeId ?? 0, new Owned(sqlite));
        }
        catch
        {
            sqlite.Dispose();
            throw;
        }
    }

    public async Task<string> MigrateAsync(CancellationToken ct)
    {
        // Opening migrates: the file has one owner, so there is no separate step to coordinate.
        using var sqlite = await SqliteStore.OpenAsync(ConnectionString, storage.Value.Synchronous, signal, ct);
        return "The SQLite database is up to date.";
    }

    private string ConnectionString =>
        storage.Value.ConnectionString ?? $"Data Source={Path.Combine(verigate.Value.DataDirectory, "verigate.db")}";

    private sealed class Owned(SqliteStore store) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            store.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
