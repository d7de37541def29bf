using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpResponse = SmtpServer.Protocol.SmtpResponse;

namespace Verigate.Server.Tests.Infrastructure;

/// <summary>
/// A real SMTP server (the SmtpServer library, in process) on a loopback port. It keeps what it receives and
/// answers by recipient: <c>rejected@…</c> gets 550 (permanent), <c>busy@…</c> gets 451 (temporary) until
/// <see cref="BusyAnswers"/> runs out.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;

    public SmtpSink(int? port = null, string? username = null, string? password = null)
    {
        Port = port ?? LoopbackPort.Free();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("sink.test")
            .Endpoint(b =>
            {
                b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port));
                if (username is not null)
                {
                    b.AuthenticationRequired().AllowUnsecureAuthentication();
                }
            })
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Filter(this));
        if (username is not null)
        {
            services.Add(new SmtpServer.Authentication.DelegatingUserAuthenticator((u, p) => u == username && p == password));
        }

        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    /// <summary>Every RCPT TO the sink was asked for, accepted or not.</summary>
    public ConcurrentQueue<string> RecipientAttempts { get; } = new();

    public int BusyAnswers { get; set; } = 2;


    public IReadOnlyList<MimeMessage> To(string address) =>
        Messages.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    public async Task<MimeMessage> WaitForAsync(string address, int count = 1, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (To(address).Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} email(s) to {address} at the SMTP sink, found {To(address).Count}.");
            }

            await Task.Delay(20);
        }

        return To(address)[^1];
    }

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (OperationCanceledException)
        {
            // stopped
        }

        _stop.Dispose();
    }

    private sealed class Store(SmtpSink sink) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            sink.Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }

    private sealed class Filter(SmtpSink sink) : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            sink.RecipientAttempts.Enqueue($"{to.User}@{to.Host}");
            if (to.User == "rejected")
            {
                return Task.FromResult(false);
            }

            if (to.User == "busy" && sink.BusyAnswers-- > 0)
            {
                throw new SmtpResponseException(new SmtpResponse((SmtpReplyCode)451, "4.3.0 try again later"));
            }

            return Task.FromResult(true);
        }
    }
}
