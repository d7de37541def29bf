using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Cryptography;
using Verigate.Delivery.Channels;

namespace Verigate.Delivery.Email;

/// <summary>
/// Turns a rendered message into MIME: multipart/alternative (plain text and HTML), <c>Auto-Submitted:
/// auto-generated</c> (so auto-responders stay quiet), a Message-ID that is the same every time the same outbox
/// row is sent (a redelivery after a crash is recognisably the same message), and a DKIM signature when a key is
/// configured.
/// </summary>
public sealed class EmailMessageBuilder
{
    private static readonly HeaderId[] SignedHeaders =
    [
        HeaderId.From, HeaderId.To, HeaderId.Subject, HeaderId.Date, HeaderId.MessageId,
        HeaderId.AutoSubmitted, HeaderId.MimeVersion, HeaderId.ContentType,
    ];

    private readonly MailboxAddress _sender;
    private readonly string _domain;
    private readonly DkimSigner? _signer;
    private readonly TimeProvider _time;

    public EmailMessageBuilder(IOptions<DeliveryOptions> options, TimeProvider time)
    {
        var email = options.Value.Email;
        _time = time;
        _sender = email.Smtp.IsConfigured ? email.Smtp.Sender : new MailboxAddress("Verigate", "no-reply@localhost");
        _domain = _sender.Domain;
        _signer = email.Smtp.IsConfigured && email.Dkim.IsConfigured ? email.Dkim.CreateSigner() : null;
    }

    public bool Signs => _signer is not null;

    /// <summary>The Message-ID (without angle brackets) every delivery of this outbox row carries.</summary>
    public string MessageIdFor(RenderedMessage message) =>
        message.Reference is null ? $"n{message.OutboxId}.verigate@{_domain}" : $"{message.OutboxId}.{message.Reference}@{_domain}";

    public MimeMessage Build(RenderedMessage message)
    {
        var mime = new MimeMessage
        {
            Subject = message.Subject ?? string.Empty,
            Date = _time.GetUtcNow(),
            MessageId = MessageIdFor(message),
        };
        mime.From.Add(_sender);
        mime.To.Add(new MailboxAddress(string.Empty, message.To.Value));
        mime.Headers.Add(HeaderId.AutoSubmitted, "auto-generated");
        mime.Headers.Add("X-Auto-Response-Suppress", "All");
        mime.Body = new BodyBuilder { TextBody = message.Body, HtmlBody = message.Html }.ToMessageBody();

        if (_signer is not null)
        {
            // DKIM hashes the body as sent: fix the transfer encodings first so no relay needs to re-encode it.
            mime.Prepare(EncodingConstraint.SevenBit);
            _signer.Sign(mime, SignedHeaders);
        }

        return mime;
    }
}
