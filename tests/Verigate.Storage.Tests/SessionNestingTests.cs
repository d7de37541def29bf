using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Verigate.Core;
using Verigate.Core.Challenges;
using Verigate.Core.Storage;
using Verigate.Storage.Hosting;
using Verigate.Storage.Sqlite;

namespace Verigate.Storage.Tests;

/// <summary>
/// No flow may open a session while it still holds one (on PostgreSQL, wait for a second pooled connection while
/// holding the first): the handle every service is given checks it, on a real SQLite store.
/// </summary>
public sealed class SessionNestingTests : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("verigate-nesting-").FullName;
    private readonly List<(string Message, string Site)> _warnings = [];
    private StoreHandle? _handle;

    [Fact]
    public async Task A_session_opened_while_the_flow_holds_one_is_refused_and_the_held_one_still_works()
    {
        var store = await OpenAsync(NestedSessionPolicy.Fail);
        await using var read = await store.OpenReadAsync(CancellationToken.None);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.BeginWriteAsync(CancellationToken.None));
        Assert.Contains("A write session was opened by a flow that still holds a read session", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:OnNestedSession", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.OpenReadAsync(CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.BeginUrgentWriteAsync(CancellationToken.None));

        Assert.Null(await read.Settings.GetAsync("nesting-test", CancellationToken.None));
    }

    [Fact]
    public async Task A_helper_that_opens_its_own_session_inside_the_callers_is_refused_too()
    {
        var store = await OpenAsync(NestedSessionPolicy.Fail);
        await using var write = await store.BeginWriteAsync(CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => ReadSettingAsync(store));
    }

    [Fact]
    public async Task Sessions_one_after_the_other_and_sessions_of_other_flows_are_not_nesting()
    {
        var store = await OpenAsync(NestedSessionPolicy.Fail);
        await using (var write = await store.BeginWriteAsync(CancellationToken.None))
        {
            await write.Settings.GetOrAddAsync("nesting-test", "v", CancellationToken.None);
            await write.CommitAsync(CancellationToken.None);
        }

        Assert.Equal("v", await ReadSettingAsync(store));
        Assert.Equal("v", await ReadSettingAsync(store));

        // Flows of their own (requests, jobs) hold sessions at the same time as this one: that is not nesting.
        await using var held = await store.OpenReadAsync(CancellationToken.None);
        Task<string?[]> others;
        using (ExecutionContext.SuppressFlow())
        {
            others = Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => ReadSettingAsync(store))));
        }

        Assert.All(await others, value => Assert.Equal("v", value));

        // But work this flow starts and waits for while it holds a session is this flow's.
        await Assert.ThrowsAsync<InvalidOperationException>(() => Task.Run(() => ReadSettingAsync(store)));
        await held.DisposeAsync();

        // A flow started while this one held a session may open one once this one has given it back.
        var opened = new TaskCompletionSource();
        var gate = new TaskCompletionSource();
        await using (var again = await store.OpenReadAsync(CancellationToken.None))
        {
            _ = Task.Run(async () =>
            {
                await gate.Task;
                await ReadSettingAsync(store);
                opened.SetResult();
            });
        }

        gate.SetResult();
        await opened.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_session_that_failed_to_open_is_not_held()
    {
        var store = await OpenAsync(NestedSessionPolicy.Fail);
        var nesting = new SessionNesting(NestedSessionPolicy.Fail, (_, _) => { });
        await Assert.ThrowsAsync<TimeoutException>(async () =>
            await nesting.Track("write", store.Opened.Store, static (_, _) => ValueTask.FromException<IStoreSession>(new TimeoutException()), CancellationToken.None));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () =>
            await nesting.Track("write", store.Opened.Store, static (_, _) => throw new ObjectDisposedException("store"), CancellationToken.None));
        await Assert.ThrowsAsync<TimeoutException>(async () =>
            await nesting.Track("write", store.Opened.Store, static async (_, _) =>
            {
                await Task.Yield();
                throw new TimeoutException();
            }, CancellationToken.None));

        await using var opened = await nesting.Track("read", store.Opened.Store, static (s, ct) => s.OpenReadAsync(ct), CancellationToken.None);
        Assert.Null(await opened.Settings.GetAsync("nesting-test", CancellationToken.None));
    }

    [Fact]
    public async Task Under_warn_the_second_session_opens_and_each_call_site_is_logged_once()
    {
        var store = await OpenAsync(NestedSessionPolicy.Warn);
        await using var read = await store.OpenReadAsync(CancellationToken.None);

        for (var i = 0; i < 3; i++)
        {
            await using var nested = await store.OpenReadAsync(CancellationToken.None);
            Assert.Null(await nested.Settings.GetAsync("nesting-test", CancellationToken.None));
        }

        var warning = Assert.Single(_warnings);
        Assert.Contains("A read session was opened by a flow that still holds a read session", warning.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(Under_warn_the_second_session_opens_and_each_call_site_is_logged_once), warning.Site, StringComparison.Ordinal);
    }

    private static async Task<string?> ReadSettingAsync(IStore store)
    {
        await using var read = await store.OpenReadAsync(CancellationToken.None);
        return await read.Settings.GetAsync("nesting-test", CancellationToken.None);
    }

    private async Task<StoreHandle> OpenAsync(NestedSessionPolicy policy)
    {
        var storage = Options.Create(new StorageOptions());
        var verigate = Options.Create(new VerigateOptions { DataDirectory = _directory, NodeId = 7 });
        var key = new CodeHashKey(RandomNumberGenerator.GetBytes(32));
        _handle = new StoreHandle(new SqliteStoreOpener(storage, verigate, new CountingOutboxSignal(), key),
            new SessionNesting(policy, (message, site) => _warnings.Add((message, site))));
        await _handle.OpenAsync(CancellationToken.None);
        return _handle;
    }

    public async ValueTask DisposeAsync()
    {
        if (_handle is not null)
        {
            await _handle.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }
}
