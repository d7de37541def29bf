namespace Verigate.Core.Storage;

/// <summary>
/// The <see cref="IStore"/> every service is given. The store behind it is opened asynchronously when the host
/// starts (<see cref="OpenAsync"/>), never inside a DI factory, so services can be created before it opens; using
/// it earlier is a programming error and says so. Every session opened through it is checked against the sessions its
/// flow already holds (<see cref="SessionNesting"/>).
/// </summary>
public sealed class StoreHandle(IStoreOpener opener, SessionNesting? nesting = null) : IStore, IAsyncDisposable
{
    private OpenedStore? _opened;

    /// <summary>The opened store; throws until <see cref="OpenAsync"/> has completed.</summary>
    public OpenedStore Opened => _opened ?? throw new InvalidOperationException(
        "The store is not open yet: it opens when the host starts (or when a command calls StoreHandle.OpenAsync).");

    public bool IsOpen => _opened is not null;

    /// <summary>Opens the store once; later calls return at once.</summary>
    public async Task OpenAsync(CancellationToken ct)
    {
        if (_opened is null)
        {
            _opened = await opener.OpenAsync(ct);
        }
    }

    // Not async: the nesting check records the session in the caller's own flow (see SessionNesting.Track).
    public ValueTask<IStoreSession> BeginWriteAsync(CancellationToken ct) =>
        nesting is null ? Opened.Store.BeginWriteAsync(ct) : nesting.Track("write", Opened.Store, static (store, ct) => store.BeginWriteAsync(ct), ct);

    public ValueTask<IStoreSession> BeginUrgentWriteAsync(CancellationToken ct) =>
        nesting is null ? Opened.Store.BeginUrgentWriteAsync(ct) : nesting.Track("write", Opened.Store, static (store, ct) => store.BeginUrgentWriteAsync(ct), ct);

    public ValueTask<IStoreSession> OpenReadAsync(CancellationToken ct) =>
        nesting is null ? Opened.Store.OpenReadAsync(ct) : nesting.Track("read", Opened.Store, static (store, ct) => store.OpenReadAsync(ct), ct);

    public bool WritersQueue => Opened.Store.WritersQueue;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _opened, null) is { } opened)
        {
            await opened.Owned.DisposeAsync();
        }
    }
}
