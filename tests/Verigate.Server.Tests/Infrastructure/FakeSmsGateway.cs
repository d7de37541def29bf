using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Verigate.Server.Tests.Infrastructure;

/// <summary>
/// A generic JSON SMS API on a loopback port (real HTTP): it checks the auth header, keeps what it receives and
/// answers by destination: ...0016 → 400 (refused), ...0503 → 503 the first time, else 200 with an id.
/// </summary>
public sealed class FakeSmsGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _unavailableOnce = 1;

    public FakeSmsGateway()
    {
        Port = LoopbackPort.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        _app = builder.Build();
        _app.MapPost("/messages", async (HttpContext http) =>
        {
            if (http.Request.Headers.Authorization != "Bearer gateway-secret")
            {
                return Results.StatusCode(401);
            }

            var body = await JsonDocument.ParseAsync(http.Request.Body);
            var message = body.RootElement.Clone();
            var to = message.GetProperty("to").GetString()!;
            Attempts.Enqueue(to);
            if (to.EndsWith("0016", StringComparison.Ordinal))
            {
                return Results.BadRequest(new { error = "invalid destination" });
            }

            if (to.EndsWith("0503", StringComparison.Ordinal) && Interlocked.Exchange(ref _unavailableOnce, 0) == 1)
            {
                return Results.StatusCode(503);
            }

            Received.Enqueue(message);
            return Results.Ok(new { id = "gw-" + Received.Count });
        });
        _app.StartAsync().GetAwaiter().GetResult();
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/messages";

    public ConcurrentQueue<JsonElement> Received { get; } = new();

    public ConcurrentQueue<string> Attempts { get; } = new();

    public async Task<JsonElement> WaitForAsync(string to)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var found = Received.Where(m => m.GetProperty("to").GetString() == to).ToList();
            if (found.Count > 0)
            {
                return found[^1];
            }

            Assert.True(DateTime.UtcNow < deadline, $"No SMS to {to} reached the fake gateway.");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
