using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Verigate.Core;
using Verigate.Core.Challenges;
using Verigate.Core.Storage;
using Verigate.Storage.Hosting;
using Verigate.Storage.Sqlite;

namespace Verigate.Storage.Tests;

/// <summary>The store opens once, asynchronously, through its opener; the handle every service holds forwards to it.</summary>
public sealed class StoreOpeningTests : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("verigate-open-").FullName;
    private readonly List<StoreHandle> _handles = [];

    [Fact]
    public async Task The_handle_refuses_use_before_the_store_is_open_and_forwards_after()
    {
        var handle = Handle(NewKey());

        var early = await Assert.ThrowsAsync<InvalidOperationException>(async () => await handle.BeginWriteAsync(CancellationToken.None));
        Assert.Contains("not open yet", early.Message, StringComparison.Ordinal);
        Assert.False(handle.IsOpen);

        await handle.OpenAsync(CancellationToken.None);
        await handle.OpenAsync(CancellationToken.None); // a second call keeps the first store
        await using (var tx = await handle.BeginWriteAsync(CancellationToken.None))
        {
            Assert.Equal("v", await tx.Settings.GetOrAddAsync("opening-test", "v", CancellationToken.None));
            await tx.CommitAsync(CancellationToken.None);
        }

        await using var read = await handle.OpenReadAsync(CancellationToken.None);
        Assert.Equal("v", await read.Settings.GetAsync("opening-test", CancellationToken.None));
        Assert.Equal(7, handle.Opened.NodeId);
    }

    [Fact]
    public async Task A_database_set_up_with_another_code_key_refuses_to_open()
    {
        var first = Handle(NewKey());
        await first.OpenAsync(CancellationToken.None);
        await first.DisposeAsync();

        var refused = await Assert.ThrowsAsync<StartupException>(() => Handle(NewKey()).OpenAsync(CancellationToken.None));
        Assert.Contains("Codes:HashKey", refused.Message, StringComparison.Ordinal);
    }

    private StoreHandle Handle(CodeHashKey key)
    {
        var storage = Options.Create(new StorageOptions());
        var verigate = Options.Create(new VerigateOptions { DataDirectory = _directory, NodeId = 7 });
        var handle = new StoreHandle(new SqliteStoreOpener(storage, verigate, new CountingOutboxSignal(), key));
        _handles.Add(handle);
        return handle;
    }

    private static CodeHashKey NewKey() => new(RandomNumberGenerator.GetBytes(32));

    public async ValueTask DisposeAsync()
    {
        foreach (var handle in _handles)
        {
            await handle.DisposeAsync();
        }
    }
}
