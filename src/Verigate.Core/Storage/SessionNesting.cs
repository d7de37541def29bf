using System.Collections.Concurrent;

namespace Verigate.Core.Storage;

/// <summary>What to do when a flow opens a store session while it still holds another (<see cref="SessionNesting"/>).</summary>
public enum NestedSessionPolicy
{
    /// <summary>Log a warning with the call stack, once per call site (of the first nested sessions), and go on.</summary>
    Warn,

    /// <summary>Refuse the second session with an exception: for tests, so the whole suite checks every path.</summary>
    Fail,
}

/// <summary>
/// Notices a flow (a request, a background job) that opens a session while it still holds one. On PostgreSQL every
/// session holds a pooled connection until it is disposed, and the pool is small (a few per database core): when many
/// flows at once each hold one connection and wait for a second, none of them gets it until the pool's timeout. So
/// no flow may wait for a session while it holds one; this is that rule, checked where every session is opened
/// (<see cref="StoreHandle"/>) rather than by reading the code. The counters' sessions
/// (<see cref="IStoreSession.BeginCountersAsync"/>) come from a pool of their own that nothing else waits on, and are
/// not counted.
/// </summary>
/// <remarks>
/// The sessions a flow holds live in an <see cref="AsyncLocal{T}"/> that <see cref="Track"/> sets synchronously, in the
/// caller's own execution context: the caller and everything it calls or starts afterwards see them (work it starts
/// with <c>Task.Run</c> while holding a session is its own, since it may wait for that work), but not its own caller
/// (a session opened by a helper that returns it is not seen by the helper's caller: a miss, never a false alarm).
/// Independent flows (each request, each job) start without them. A held session counts until it is disposed, since
/// that is when its connection goes back.
/// </remarks>
/// <param name="policy">Warn or fail.</param>
/// <param name="warn">Writes a warning (the message, then the call stack); the core does no logging of its own.</param>
public sealed class SessionNesting(NestedSessionPolicy policy, Action<string, string> warn)
{
    private const int MaxReports = 256;
    private readonly AsyncLocal<Held[]?> _held = new();
    private readonly ConcurrentDictionary<string, bool> _sitesLogged = new(StringComparer.Ordinal);
    private int _reports;

    /// <summary>
    /// Checks that the calling flow holds no open session, then records the one being opened. Must be called
    /// synchronously by the method the flow calls to open a session (not from inside an async method, whose changes
    /// to the flow's state would not reach its caller).
    /// </summary>
    public ValueTask<IStoreSession> Track(string kind, IStore store, Func<IStore, CancellationToken, ValueTask<IStoreSession>> open, CancellationToken ct)
    {
        // The flow's list keeps only what it still holds, so it stays as short as the flow's nesting: almost always
        // empty, which is the path without a search or a copy.
        var held = _held.Value;
        var opening = new Held(kind);
        if (held is null || Array.TrueForAll(held, h => !h.Open))
        {
            _held.Value = [opening];
        }
        else
        {
            var stillHeld = Array.FindAll(held, h => h.Open);
            Report(kind, stillHeld[0].Kind);
            _held.Value = [.. stillHeld, opening];
        }

        ValueTask<IStoreSession> opened;
        try
        {
            opened = open(store, ct);
        }
        catch
        {
            opening.Settled = true;
            throw;
        }

        if (opened.IsCompletedSuccessfully)
        {
            // A value task is consumed once: its result goes out in a new one.
            var session = opened.Result;
            opening.Session = session;
            opening.Settled = true;
            return new ValueTask<IStoreSession>(session);
        }

        return Settle(opening, opened);
    }

    private static async ValueTask<IStoreSession> Settle(Held opening, ValueTask<IStoreSession> open)
    {
        try
        {
            var session = await open;
            opening.Session = session;
            return session;
        }
        finally
        {
            opening.Settled = true;
        }
    }

    private void Report(string kind, string heldKind)
    {
        var message = $"A {kind} session was opened by a flow that still holds a {heldKind} session. With a bounded connection " +
                      "pool, many such flows at once each hold a connection and wait for a second one; close the first " +
                      "session (dispose it) before opening the next.";
        if (policy == NestedSessionPolicy.Fail)
        {
            throw new InvalidOperationException(message + " (Storage:OnNestedSession is Fail.)");
        }

        // A call stack costs tens of microseconds: a nesting site on a hot path must not slow every request it serves,
        // so only the first reports take one (enough to name every site a test suite missed).
        if (Interlocked.Increment(ref _reports) > MaxReports)
        {
            return;
        }

        var site = Environment.StackTrace;
        if (_sitesLogged.TryAdd(site, true))
        {
            warn(message, site);
        }
    }

    private sealed class Held(string kind)
    {
        public string Kind { get; } = kind;

        public volatile IStoreSession? Session;

        public volatile bool Settled;

        /// <summary>Still opening, or opened and not yet disposed.</summary>
        public bool Open => !Settled || Session is { Released: false };
    }
}
