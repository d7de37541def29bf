using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Verigate.Core.Destinations;
using Verigate.Delivery.Channels;
using Verigate.Delivery.Receipts;

namespace Verigate.Delivery.Sms;

/// <summary>
/// Sends SMS through Kannel's HTTP <c>sendsms</c> interface, asking for every delivery report (dlr-mask 31) on a
/// per-message secret callback URL. 202 means Kannel took it; 403 (credentials) and other 4xx (a destination or
/// text Kannel refuses) are permanent; 5xx, timeouts and refused connections are temporary.
/// </summary>
public sealed partial class KannelSmsSender : IMessageSender, IDisposable
{
    public const string Provider = "kannel";
    private readonly HttpClient _http;
    private readonly IOptions<DeliveryOptions> _options;
    private readonly ReceiptUrls _receipts;
    private readonly ILogger<KannelSmsSender> _logger;

    public KannelSmsSender(IOptions<DeliveryOptions> options, ReceiptUrls receipts, ILogger<KannelSmsSender> logger)
    {
        _options = options;
        _receipts = receipts;
        _logger = logger;
        _http = SmsGateway.CreateClient(Kannel.Timeout);
    }

    private KannelOptions Kannel => _options.Value.Sms.Kannel;

    public bool Handles(Channel channel) => channel == Channel.Sms && Kannel.IsConfigured;

    public SendOutcome DecoyOutcome => SmsGateway.Sent;

    public async Task<SendOutcome> SendAsync(RenderedMessage message, CancellationToken ct)
    {
        var url = RequestUrl(message);
        try
        {
            using var response = await _http.GetAsync(url, ct);
            var status = (int)response.StatusCode;
            var reason = SmsGateway.Reason(status, await response.Content.ReadAsStringAsync(ct));
            if (response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK)
            {
                return SmsGateway.Accepted(reason);
            }

            var permanent = status is >= 400 and < 500;
            LogRefused(_logger, message.OutboxId, status, permanent ? "permanent" : "temporary");
            return !permanent ? SmsGateway.NotYet(reason)
                : response.StatusCode == HttpStatusCode.Forbidden ? SmsGateway.Refused(reason, "The SMS gateway refused our credentials.")
                : SmsGateway.Refused(reason);
        }
        catch (Exception e) when (SmsGateway.IsUnreachable(e, ct))
        {
            LogUnreachable(_logger, message.OutboxId, e.GetType().Name);
            return SmsGateway.Unreachable(e);
        }
    }

    public void Dispose() => _http.Dispose();

    private Uri RequestUrl(RenderedMessage message)
    {
        var query = new StringBuilder(Kannel.SendSmsUrl).Append('?')
            .Append("username=").Append(Uri.EscapeDataString(Kannel.Username ?? string.Empty))
            .Append("&password=").Append(Uri.EscapeDataString(Kannel.Password ?? string.Empty))
            .Append("&to=").Append(Uri.EscapeDataString(message.To.Value.TrimStart('+')))
            .Append("&text=").Append(Uri.EscapeDataString(message.Body))
            .Append("&charset=UTF-8&coding=").Append(SmsSegments.EncodingOf(message.Body) == SmsEncoding.Gsm7 ? '0' : '2');
        if (!string.IsNullOrWhiteSpace(Kannel.From))
        {
            query.Append("&from=").Append(Uri.EscapeDataString(Kannel.From));
        }

        if (message.Reference is { } challengeId)
        {
            // Kannel fills in %d (report type), %A (the SMSC's answer) and %F (the SMSC's message id).
            var callback = _receipts.For(Provider, challengeId, message.OutboxId) + "?type=%d&answer=%A&smscId=%F";
            query.Append("&dlr-mask=31&dlr-url=").Append(Uri.EscapeDataString(callback));
        }

        return new Uri(query.ToString());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kannel refused outbox message {OutboxId} with HTTP {StatusCode} ({Kind}).")]
    private static partial void LogRefused(ILogger logger, long outboxId, int statusCode, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kannel could not be reached for outbox message {OutboxId} ({Problem}); it will be retried.")]
    private static partial void LogUnreachable(ILogger logger, long outboxId, string problem);
}
