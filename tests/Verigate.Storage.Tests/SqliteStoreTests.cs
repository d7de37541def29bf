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
            await WriteRateLimitRowsAsync(Store, Enumerable.Range(0, 100).Select(i => $"burst:{batch}:{i}:{new string('x', 200)}").ToList());
        }

        Assert.True(new FileInfo(wal).Length > 0, $"the burst should have grown the WAL (it is {new FileInfo(wal).Length} bytes)");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (new FileInfo(wal).Length > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(0, new FileInfo(wal).Length);
    }

    [Fact]
    public async Task Under_steady_writes_and_reads_the_write_ahead_log_starts_over_instead_of_growing()
    {
        // A short restart length (256 pages, 1 MiB) so that a second of writes crosses it at every checkpoint.
        // A file of its own beside the specification's store; the test's directory is removed with it.
        var path = Path.Combine(_directory, "restarts.db");
        using var store = await SqliteStore.OpenAsync($"Data Source={path}", SqliteSynchronous.Normal, Signal, restartFrames: 256, CancellationToken.None);
        var wal = path + "-wal";
        var restarts = new HashSet<uint>();
        var sequences = 0;
        using var done = new CancellationTokenSource();

        // A thread of its own: the readers and writers below keep the pool's threads busy. Each start over of the
        // log writes a new checkpoint sequence number into the WAL header (bytes 12-15).
        var sampler = Task.Factory.StartNew(() =>
        {
            var header = new byte[32];
            while (!done.IsCancellationRequested)
            {
                using (var file = new FileStream(wal, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
                {
                    if (file.Read(header) == header.Length)
                    {
                        restarts.Add(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(12)));
                        Volatile.Write(ref sequences, restarts.Count);
                    }
                }

                Thread.Sleep(5);
            }
        }, TaskCreationOptions.LongRunning);
        var readers = Enumerable.Range(0, 4).Select(r => Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                await using var read = await store.OpenReadAsync(CancellationToken.None);
                await read.RateLimits.GetForUpdateAsync([$"steady:{r}"], CancellationToken.None);
                await Task.Delay(1, CancellationToken.None);
            }
        })).ToList();

        // Writes go on until the log has started over twice, or for 10 s: on a machine busy with other tests the
        // checkpoint timer's ticks come late, and the test waits for them rather than failing.
        var written = 0;
        var until = DateTime.UtcNow.AddSeconds(10);
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var batch = 0; DateTime.UtcNow < until && Volatile.Read(ref sequences) < 3; batch++)
            {
                var keys = Enumerable.Range(0, 5).Select(i => $"steady:{w}:{batch}:{i}:{Guid.NewGuid():N}").ToList();
                await WriteRateLimitRowsAsync(store, keys);
                Interlocked.Add(ref written, keys.Count);
            }
        })).ToList();
        await Task.WhenAll(writers);
        await done.CancelAsync();
        await Task.WhenAll([sampler, .. readers]);

        // A log that starts over only when a write happens to find it all copied (as before) kept its first
        // sequence number for the whole 10 s.
        Assert.True(restarts.Count >= 3, $"the log started over {restarts.Count - 1} times in {written} rows of steady writes");
        // Nothing written was lost by starting the log over.
        Assert.Equal(written, await CountRowsAsync(path));
    }

    /// <summary>One write session that stores a rate-limit row per key: the cheapest way to put pages in the log.</summary>
    private static async Task WriteRateLimitRowsAsync(IStore store, IReadOnlyList<string> keys)
    {
        await using var tx = await store.BeginWriteAsync(CancellationToken.None);
        await tx.RateLimits.SetAsync(keys.Select((key, i) => new KeyValuePair<string, DateTimeOffset>(key, DateTimeOffset.UnixEpoch.AddSeconds(i))).ToList(), CancellationToken.None);
        await tx.CommitAsync(CancellationToken.None);
    }

    private static async Task<long> CountRowsAsync(string path)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM rate_limits WHERE key LIKE 'steady:%'";
        return (long)(await count.ExecuteScalarAsync())!;
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
