using System.Diagnostics;

namespace Verigate.Bench.Scenarios;

/// <summary>
/// A whole verification as an integrator's user lives it: POST /v1/verifications, read the code from the
/// development inbox (polling, because the outbox dispatcher delivers asynchronously, from about when the message
/// is expected), then POST …/check with it.
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

    // Polls as late as the message is expected, not as early as possible: the first read waits 0.9 × the recent
    // delivery time (a moving average over all connections), later ones a quarter of it apart (1–250 ms). An
    // integrator's user reads a code once; polling early would measure empty inbox reads (each one a request and, on
    // PostgreSQL, a transaction) rather than the cycle. The count of empty reads is still reported.
    // The code is left in the connection's State buffer (an async method cannot return a span).
    private async ValueTask<int> ReadCodeAsync(WorkerContext context, Uri inbox, long start, CancellationToken ct)
    {
        var codeBuffer = context.State as byte[] ?? new byte[16];
        context.State = codeBuffer;
        var queued = Stopwatch.GetTimestamp();
        var expected = ExpectedDeliveryMs;
        await Task.Delay(TimeSpan.FromMilliseconds(0.9 * expected), ct);
        for (var attempt = 0; ; attempt++)
        {
            var sent = Stopwatch.GetTimestamp();
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
                ObserveDelivery(Stopwatch.GetElapsedTime(queued, sent).TotalMilliseconds);
                return length;
            }

            context.Stats.Counters[EmptyInboxReads]++;
            if (Stopwatch.GetElapsedTime(start) > InboxTimeout)
            {
                context.Failed($"inbox: no message within {InboxTimeout.TotalSeconds:0} s");
                return 0;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Math.Clamp(expected / 4, 1, 250)), ct);
        }
    }

    // Shared by all connections; a lost update between two of them only delays the average by one sample.
    private double _expectedDeliveryMs;

    private double ExpectedDeliveryMs => Volatile.Read(ref _expectedDeliveryMs);

    private void ObserveDelivery(double ms) =>
        Volatile.Write(ref _expectedDeliveryMs, Math.Min(1_000, (0.9 * Volatile.Read(ref _expectedDeliveryMs)) + (0.1 * ms)));
}
