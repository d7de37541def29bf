using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Verigate.Bench.Scenarios;

/// <summary>
/// Wrong-code checks against the attempt limit. Each connection starts a verification (10-digit code, so the fixed
/// guess is right with probability 10⁻¹⁰), checks it <see cref="BenchOptions.ChecksPerVerification"/> times, then
/// starts the next. Every answer is compared with the exact expectation: checks 1..limit are 422 code_incorrect
/// with attemptsRemaining counting down to 0, later ones 429 too_many_attempts. Afterwards a race probe sends
/// many wrong checks to one verification at once, where only the store's atomic attempt counter keeps the count.
/// </summary>
internal sealed class WrongGuessScenario(BenchOptions options) : IScenario
{
    private const int Starts = 0;
    private const int Incorrect422 = 1;
    private const int TooMany429 = 2;
    private const int Mismatches = 3;
    private const int Approved = 4;
    private const int CodeLength = 10;
    private const int RaceRounds = 5;

    private static readonly byte[] WrongCode = "0000000000"u8.ToArray();

    private readonly DestinationSequence _destinations = new(options.Channel);
    private readonly ConcurrentQueue<string> _mismatches = new();

    public string Name => "wrong-guess";

    public string OpName => "check";

    public int RequestsPerOp => 1;

    public IReadOnlyList<string> CounterNames => ["starts", "422 code_incorrect", "429 too_many_attempts", "mismatches", "approved (lucky)"];

    public async ValueTask RunOnceAsync(WorkerContext context, CancellationToken ct)
    {
        var state = context.State as WrongGuessState ?? new WrongGuessState();
        context.State = state;
        var counters = context.Stats.Counters;
        if (state.CheckUri is null || state.ChecksDone >= options.ChecksPerVerification)
        {
            state.CheckUri = null;
            var length = RequestBodies.StartVerification(context.RequestBuffer, _destinations.Next(), options.Channel, CodeLength);
            var started = await context.SendAsync(HttpMethod.Post, VerifyApi.Verifications, length, ct);
            counters[Starts]++;
            var id = started == 201 ? ResponseJson.String(context.Response, "id"u8) : null;
            if (id is null)
            {
                context.Unexpected("start", started);
                return;
            }

            state.CheckUri = VerifyApi.Check(id);
            state.ChecksDone = 0;
        }

        var start = Stopwatch.GetTimestamp();
        var bodyLength = RequestBodies.Check(context.RequestBuffer, WrongCode);
        var status = await context.SendAsync(HttpMethod.Post, state.CheckUri, bodyLength, ct);
        var attempt = ++state.ChecksDone;
        var response = context.Response;
        bool asExpected;
        if (attempt <= options.MaxAttempts)
        {
            var remaining = ResponseJson.Int(response, "attemptsRemaining"u8);
            asExpected = status == 422 && ResponseJson.StringEquals(response, "code"u8, "code_incorrect"u8) && remaining == options.MaxAttempts - attempt;
            counters[Incorrect422] += status == 422 ? 1 : 0;
            if (!asExpected)
            {
                Mismatch(context, $"check {attempt}: expected 422 code_incorrect with attemptsRemaining={options.MaxAttempts - attempt}, got {status} attemptsRemaining={remaining}");
            }
        }
        else
        {
            asExpected = status == 429 && ResponseJson.StringEquals(response, "code"u8, "too_many_attempts"u8);
            counters[TooMany429] += status == 429 ? 1 : 0;
            if (!asExpected)
            {
                Mismatch(context, $"check {attempt}: expected 429 too_many_attempts, got {status}");
            }
        }

        if (status == 200)
        {
            counters[Approved]++;
        }

        context.CompleteOp(start, asExpected);
    }

    public async Task<bool> VerifyAsync(HttpClient client, WorkerStats total, TextWriter output, CancellationToken ct)
    {
        var c = total.Counters;
        var sequential = c[Mismatches] == 0;
        output.WriteLine($"  attempt limit, sequential: {c[Starts]} verifications, {c[Incorrect422]} × 422, {c[TooMany429]} × 429, " +
                         $"{c[Mismatches]} answers off the expected sequence{(c[Approved] > 0 ? $", {c[Approved]} lucky guesses" : "")} → {(sequential ? "EXACT" : "NOT EXACT")}");
        foreach (var m in _mismatches.Take(5))
        {
            output.WriteLine("    " + m);
        }

        var raceExact = true;
        for (var round = 0; round < RaceRounds; round++)
        {
            raceExact &= await RaceAsync(client, output, ct);
        }

        output.WriteLine($"  attempt limit, {options.Burst} parallel wrong checks × {RaceRounds} verifications → {(raceExact ? "EXACT" : "NOT EXACT")}");
        return sequential && raceExact;
    }

    private void Mismatch(WorkerContext context, string what)
    {
        context.Stats.Counters[Mismatches]++;
        context.Failed("wrong-guess: " + what);
        if (_mismatches.Count < 20)
        {
            _mismatches.Enqueue(what);
        }
    }

    // Fires Burst wrong checks at one verification concurrently: exactly MaxAttempts must be 422 (one for each
    // attemptsRemaining value), all others 429, and the verification must end as max_attempts_reached.
    private async Task<bool> RaceAsync(HttpClient client, TextWriter output, CancellationToken ct)
    {
        var to = _destinations.Next();
        var body = new byte[256];
        var length = RequestBodies.StartVerification(body, to, options.Channel, CodeLength);
        using var startContent = Json(body.AsSpan(0, length));
        using var started = await client.PostAsync(VerifyApi.Verifications, startContent, ct);
        var startBody = await started.Content.ReadAsByteArrayAsync(ct);
        var id = ResponseJson.String(startBody, "id"u8);
        if (id is null)
        {
            output.WriteLine($"    race: start failed: HTTP {(int)started.StatusCode} {Encoding.UTF8.GetString(startBody)}");
            return false;
        }

        var checkLength = RequestBodies.Check(body, WrongCode);
        var checkBody = body.AsSpan(0, checkLength).ToArray();
        var uri = VerifyApi.Check(id);
        var answers = await Task.WhenAll(Enumerable.Range(0, options.Burst).Select(async _ =>
        {
            using var content = Json(checkBody);
            using var response = await client.PostAsync(uri, content, ct);
            var bytes = await response.Content.ReadAsByteArrayAsync(ct);
            return ((int)response.StatusCode, ResponseJson.Int(bytes, "attemptsRemaining"u8));
        }));

        var incorrect = answers.Where(a => a.Item1 == 422).Select(a => a.Item2).Order().ToArray();
        var tooMany = answers.Count(a => a.Item1 == 429);
        var other = answers.Length - incorrect.Length - tooMany;
        var expectedRemaining = Enumerable.Range(0, options.MaxAttempts).ToArray();
        using var final = await client.GetAsync(VerifyApi.Get(id), ct);
        var finalBody = await final.Content.ReadAsByteArrayAsync(ct);
        var ended = ResponseJson.StringEquals(finalBody, "status"u8, "max_attempts_reached"u8) && ResponseJson.Int(finalBody, "attemptsRemaining"u8) == 0;
        var exact = incorrect.SequenceEqual(expectedRemaining) && tooMany == options.Burst - options.MaxAttempts && other == 0 && ended;
        output.WriteLine($"    race {id[..10]}…: {incorrect.Length} × 422 (attemptsRemaining {string.Join(",", incorrect)}), {tooMany} × 429, {other} other; " +
                         $"final status {ResponseJson.String(finalBody, "status"u8)} → {(exact ? "exact" : "NOT EXACT")}");
        return exact;
    }

    private static ByteArrayContent Json(ReadOnlySpan<byte> body)
    {
        var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
