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

    [Fact]
    public async Task The_write_ahead_log_is_truncated_once_writes_stop()
    {
        var wal = Path.Combine(_directory, "verigate.db-wal");
        for (var batch = 0; batch < 50; batch++)
        {
            await using var tx = await Store.BeginWriteAsync(CancellationToken.None);
            var instants = Enumerable.Range(0, 100)
                .Select(i => new KeyValuePair<string, DateTimeOffset>($"burst:{batch}:{i}:{new string('x', 200)}", DateTimeOffset.UnixEpoch.AddSeconds(i)))
                .ToList();
            await tx.RateLimits.SetAsync(instants, CancellationToken.None);
            await tx.CommitAsync(CancellationToken.None);
        }

        Assert.True(new FileInfo(wal).Length > 0, $"the burst should have grown the WAL (it is {new FileInfo(wal).Length} bytes)");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (new FileInfo(wal).Length > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(0, new FileInfo(wal).Length);
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
