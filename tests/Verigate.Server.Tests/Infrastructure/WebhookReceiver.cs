using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Verigate.Server.Webhooks;

namespace Verigate.Server.Tests.Infrastructure;

/// <summary>
/// A real HTTP receiver (Kestrel on a loopback port) that verifies every request's Standard Webhooks signature
/// with the secrets it is given and records what arrived. It can be told to fail.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();

    private WebhookReceiver(WebApplication app, int port)
    {
        _app = app;
        Url = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/hook";
    }

    public string Url { get; }

    /// <summary>Secrets a signature may verify with (a rotation adds one).</summary>
    public ConcurrentBag<string> Secrets { get; } = [];

    /// <summary>The status answered; 204 unless a test wants failures.</summary>
    public int Status { get; set; } = 204;

    /// <summary>How long each request is held before answering (to kill the sender mid-batch).</summary>
    public TimeSpan Delay { get; set; }

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var port = LoopbackPort.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, port);
        app.MapPost("/hook", (Func<HttpContext, Task<IResult>>)receiver.HandleAsync);
        await app.StartAsync();
        return receiver;
    }

    private async Task<IResult> HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        var id = http.Request.Headers["webhook-id"].ToString();
        var timestamp = long.Parse(http.Request.Headers["webhook-timestamp"].ToString(), CultureInfo.InvariantCulture);
        var signature = http.Request.Headers["webhook-signature"].ToString();
        var valid = Secrets.Any(secret => WebhookSignature.Verify(secret, id, timestamp, body, signature));
        var type = JsonDocument.Parse(body).RootElement.GetProperty("type").GetString()!;
        _received.Enqueue(new ReceivedWebhook(id, type, timestamp, signature, body, valid, Status));
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay);
        }

        return Results.StatusCode(valid ? Status : 401);
    }

    /// <summary>Waits until <paramref name="done"/> holds for what arrived (answered 2xx or not), or 30 seconds pass.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> done, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!done(Received) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return Received;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>One request as the receiver saw it; <see cref="AnsweredStatus"/> is what it answered.</summary>
public sealed record ReceivedWebhook(string Id, string Type, long Timestamp, string Signature, string Body, bool SignatureValid, int AnsweredStatus)
{
    public JsonElement Data => JsonDocument.Parse(Body).RootElement.GetProperty("data");
}
