using System.Collections.Concurrent;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Verigate.Core.Destinations;
using Verigate.Core.Outbox;
using Verigate.Delivery.Channels;

namespace Verigate.Delivery.Email;

/// <summary>
/// Sends email through an SMTP relay with MailKit, over a small pool of reused connections. A 4xx answer or a
/// connection problem is temporary (the dispatcher retries with backoff); a 5xx answer is permanent.
/// </summary>
public sealed partial class SmtpEmailSender(
    EmailMessageBuilder builder,
    IOptions<DeliveryOptions> options,
    ILogger<SmtpEmailSender> logger) : IMessageSender, IDisposable
{
    private const string HandedOver = "Handed to our mail server.";
    private readonly ConcurrentBag<SmtpClient> _idle = [];
    private readonly SemaphoreSlim _slots = new(options.Value.Email.Smtp.MaxConnections);

    private SmtpOptions Smtp => options.Value.Email.Smtp;

    public bool Handles(Channel channel) => channel == Channel.Email && Smtp.IsConfigured;

    public string Provider => "smtp";

    public SendOutcome DecoyOutcome => new(DeliveryStatus.Sent, HandedOver);

    public async Task<SendOutcome> SendAsync(RenderedMessage message, CancellationToken ct)
    {
        var mime = builder.Build(message);
        await _slots.WaitAsync(ct);
        try
        {
            // A pooled connection the server has meanwhile closed fails at once: then try once on a fresh one.
            while (true)
            {
                var pooled = _idle.TryTake(out var client);
                try
                {
                    client = pooled && client!.IsConnected ? client : await ConnectAsync(client, ct);
                    var answer = await client.SendAsync(mime, ct);
                    _idle.Add(client);
                    return new SendOutcome(DeliveryStatus.Sent, HandedOver) { ProviderMessageId = mime.MessageId, ProviderReason = Trim(answer) };
                }
                catch (SmtpCommandException e)
                {
                    Recycle(client);
                    var code = (int)e.StatusCode;
                    var permanent = code >= 500;
                    LogRefused(logger, message.OutboxId, code, permanent ? "permanent" : "temporary");
                    return permanent
                        ? new SendOutcome(DeliveryStatus.Failed, "The mail server refused this address.") { ProviderMessageId = mime.MessageId, ProviderReason = $"{code} {Trim(e.Message)}" }
                        : new SendOutcome(DeliveryStatus.Failed, "The mail server could not take the message yet; we will try again.", Retry: true) { ProviderReason = $"{code} {Trim(e.Message)}" };
                }
                catch (Exception e) when (IsConnectionProblem(e, ct))
                {
                    client?.Dispose();
                    if (pooled)
                    {
                        continue;
                    }

                    LogUnreachable(logger, message.OutboxId, e.GetType().Name);
                    return new SendOutcome(DeliveryStatus.Failed, "Our mail server could not be reached; we will try again.", Retry: true)
                    {
                        ProviderReason = $"{e.GetType().Name}: {Trim(e.Message)}",
                    };
                }
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var client))
        {
            client.Dispose();
        }

        _slots.Dispose();
    }

    private async Task<SmtpClient> ConnectAsync(SmtpClient? stale, CancellationToken ct)
    {
        stale?.Dispose();
        var client = new SmtpClient { Timeout = (int)Smtp.Timeout.TotalMilliseconds };
        try
        {
            var security = Smtp.Security switch
            {
                SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                _ => SecureSocketOptions.None,
            };
            await client.ConnectAsync(Smtp.Host!, Smtp.EffectivePort, security, ct);
            if (!string.IsNullOrEmpty(Smtp.Username))
            {
                await client.AuthenticateAsync(Smtp.Username, Smtp.Password ?? string.Empty, ct);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>After a refused command the session is still good; anything odd and it is dropped.</summary>
    private void Recycle(SmtpClient? client)
    {
        if (client is { IsConnected: true })
        {
            _idle.Add(client);
        }
        else
        {
            client?.Dispose();
        }
    }

    private static bool IsConnectionProblem(Exception e, CancellationToken ct) =>
        e is IOException or SocketException or TimeoutException or SmtpProtocolException or SslHandshakeException
            or AuthenticationException or ServiceNotConnectedException or ServiceNotAuthenticatedException or ProtocolException
        || (e is OperationCanceledException && !ct.IsCancellationRequested);

    private static string Trim(string text) => text.Length <= 200 ? text.Trim() : text[..200].Trim();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The mail server refused outbox message {OutboxId} with {StatusCode} ({Kind}).")]
    private static partial void LogRefused(ILogger logger, long outboxId, int statusCode, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The mail server could not be reached for outbox message {OutboxId} ({Problem}); it will be retried.")]
    private static partial void LogUnreachable(ILogger logger, long outboxId, string problem);
}
