using System.Diagnostics;
using System.Net;
using System.Text;

namespace Verigate.Bench;

/// <summary>
/// One connection's closed loop: its own request and response buffers (reused, so the steady state allocates
/// little beyond what HttpClient itself needs) and its own statistics.
/// </summary>
internal sealed class WorkerContext(HttpClient client, MeasureWindow window, ErrorLog errors)
{
    private const int MaxErrorBodyChars = 160;

    private byte[] _response = new byte[16 * 1024];

    public HttpClient Client { get; } = client;

    public WorkerStats Stats { get; } = new();

    /// <summary>Where a scenario writes the JSON body of its next request.</summary>
    public byte[] RequestBuffer { get; } = new byte[1024];

    public ReadOnlySpan<byte> Response => _response.AsSpan(0, ResponseLength);

    public int ResponseLength { get; private set; }

    /// <summary>Per-connection scenario state (the wrong-guess scenario's current verification).</summary>
    public object? State { get; set; }

    public MeasureWindow Window { get; } = window;

    /// <summary>Sends one request (with the first <paramref name="bodyLength"/> bytes of the request buffer as a JSON body, or none if negative) and reads the whole answer.</summary>
    public async ValueTask<int> SendAsync(HttpMethod method, Uri uri, int bodyLength, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(method, uri)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (bodyLength >= 0)
        {
            request.Content = new ReadOnlyMemoryContent(RequestBuffer.AsMemory(0, bodyLength));

            // Skips header parsing and validation; the value is a constant we know to be valid.
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        }

        using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        ResponseLength = 0;
        int read;
        while ((read = await stream.ReadAsync(_response.AsMemory(ResponseLength), ct)) > 0)
        {
            ResponseLength += read;
            if (ResponseLength == _response.Length)
            {
                Array.Resize(ref _response, _response.Length * 2);
            }
        }

        var end = Stopwatch.GetTimestamp();
        Stats.RequestsTotal++;
        if (Window.Contains(start, end))
        {
            Stats.Requests.Record(Stopwatch.GetElapsedTime(start, end).Ticks / TimeSpan.TicksPerMicrosecond);
        }

        return (int)response.StatusCode;
    }

    /// <summary>Ends one unit of work: counted (and its latency kept) only when it ran entirely inside the window.</summary>
    public void CompleteOp(long start, bool succeeded)
    {
        var end = Stopwatch.GetTimestamp();
        if (!succeeded)
        {
            Stats.FailedOps++;
            return;
        }

        if (Window.Contains(start, end))
        {
            Stats.Ops.Record(Stopwatch.GetElapsedTime(start, end).Ticks / TimeSpan.TicksPerMicrosecond);
        }
    }

    /// <summary>Records an unexpected answer, with the start of its body so the cause is visible.</summary>
    public void Unexpected(string step, int status)
    {
        Stats.Errors++;
        var length = Math.Min(ResponseLength, MaxErrorBodyChars);
        errors.Add($"{step}: HTTP {status} {Encoding.UTF8.GetString(_response, 0, length)}");
    }

    public void Failed(string step, Exception e)
    {
        Stats.Errors++;
        Stats.FailedOps++;
        errors.Add($"{step}: {e.GetType().Name}: {e.Message}");
    }

    public void Failed(string what)
    {
        Stats.Errors++;
        errors.Add(what);
    }
}
