using System.Diagnostics;

namespace Verigate.Bench.Scenarios;

/// <summary>
/// A whole verification as an integrator's user lives it: POST /v1/verifications, read the code from the
/// development inbox (polling, because the outbox dispatcher delivers asynchronously), then POST …/check with it.
/// </summary>
internal sealed class CycleScenario(BenchOptions options) : IScenario
{
    private const int Starts = 0;
    private const int InboxReads = 1;
    private const int Checks = 2;
    private const int EmptyInboxReads = 3;

    // The dispatcher normally delivers within a few milliseconds; a cycle waiting longer than this is a failure.
    private static readonly TimeSpan InboxTimeout = TimeSpan.FromSeconds(10);

    private readonly DestinationSequence _destinations = new(options.Channel);

    public string Name => "cycle";

    public string OpName => "cycle";

    public int RequestsPerOp => 3;

    public IReadOnlyList<string> CounterNames => ["starts", "inbox reads", "checks", "empty inbox reads"];

    public async ValueTask RunOnceAsync(WorkerContext context, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        var counters = context.Stats.Counters;
        var to = _destinations.Next();
        var length = RequestBodies.StartVerification(context.RequestBuffer, to, options.Channel, codeLength: 0);
        var status = await context.SendAsync(HttpMethod.Post, VerifyApi.Verifications, length, ct);
        counters[Starts]++;
        var id = status == 201 ? ResponseJson.String(context.Response, "id"u8) : null;
        if (id is null)
        {
            context.Unexpected("start", status);
            context.CompleteOp(start, succeeded: false);
            return;
        }

        var codeLength = await ReadCodeAsync(context, VerifyApi.Inbox(to), start, ct);
        if (codeLength == 0)
        {
            context.CompleteOp(start, succeeded: false);
            return;
        }

        length = RequestBodies.Check(context.RequestBuffer, context.State is byte[] c ? c.AsSpan(0, codeLength) : default);
        status = await context.SendAsync(HttpMethod.Post, VerifyApi.Check(id), length, ct);
        counters[Checks]++;
        var approved = status == 200 && ResponseJson.StringEquals(context.Response, "status"u8, "approved"u8);
        if (!approved)
        {
            context.Unexpected("check", status);
        }

        context.CompleteOp(start, approved);
    }

    public Task<bool> VerifyAsync(HttpClient client, WorkerStats total, TextWriter output, CancellationToken ct) =>
        Task.FromResult(total.Errors == 0);

    // Polls with a short, growing pause: immediately, then 1, 1, 2, 2, 4 … up to 8 ms. Tighter polling would spend
    // the server's CPU on empty reads; the count of empty reads is reported so the cost stays visible.
    // The code is left in the connection's State buffer (an async method cannot return a span).
    private static async ValueTask<int> ReadCodeAsync(WorkerContext context, Uri inbox, long start, CancellationToken ct)
    {
        var codeBuffer = context.State as byte[] ?? new byte[16];
        context.State = codeBuffer;
        for (var attempt = 0; ; attempt++)
        {
            var status = await context.SendAsync(HttpMethod.Get, inbox, -1, ct);
            context.Stats.Counters[InboxReads]++;
            if (status != 200)
            {
                context.Unexpected("inbox", status);
                return 0;
            }

            var length = ResponseJson.InboxCode(context.Response, codeBuffer);
            if (length > 0)
            {
                return length;
            }

            context.Stats.Counters[EmptyInboxReads]++;
            if (Stopwatch.GetElapsedTime(start) > InboxTimeout)
            {
                context.Failed($"inbox: no message within {InboxTimeout.TotalSeconds:0} s");
                return 0;
            }

            await Task.Delay(attempt == 0 ? 0 : attempt >= 7 ? 8 : 1 << ((attempt - 1) / 2), ct);
        }
    }
}
