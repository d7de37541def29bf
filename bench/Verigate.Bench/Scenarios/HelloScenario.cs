using System.Diagnostics;

namespace Verigate.Bench.Scenarios;

/// <summary>The baseline: POST /hello with a small JSON body on the hello app, one request per unit of work.</summary>
internal sealed class HelloScenario : IScenario
{
    private static readonly Uri HelloUri = new("/hello", UriKind.Relative);

    public string Name => "hello";

    public string OpName => "request";

    public int RequestsPerOp => 1;

    public IReadOnlyList<string> CounterNames => [];

    public async ValueTask RunOnceAsync(WorkerContext context, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        var length = "{\"name\":\"bench\"}"u8.Length;
        "{\"name\":\"bench\"}"u8.CopyTo(context.RequestBuffer);
        var status = await context.SendAsync(HttpMethod.Post, HelloUri, length, ct);
        if (status != 200)
        {
            context.Unexpected("hello", status);
        }

        context.CompleteOp(start, status == 200);
    }

    public Task<bool> VerifyAsync(HttpClient client, WorkerStats total, TextWriter output, CancellationToken ct) => Task.FromResult(true);
}
