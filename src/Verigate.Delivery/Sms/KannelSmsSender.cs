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

    string IMessageSender.Provider => Provider;

    public SendOutcome DecoyOutcome => SmsGateway.Sent;

    public async Task<SendOutcome> SendAsync(RenderedMessage message, CancellationToken ct)
    {
        try
        {
            using var request = Request(message);
            using var response = await _http.SendAsync(request, ct);
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

    /// <summary>
    /// A POST with everything in <c>X-Kannel-*</c> headers and the text as the body: a GET would put the code and
    /// the gateway password in the query string, and so in Kannel's and every proxy's access log.
    /// </summary>
    private HttpRequestMessage Request(RenderedMessage message)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Kannel.SendSmsUrl)
        {
            Content = new StringContent(message.Body, Encoding.UTF8, "text/plain"),
        };
        var headers = request.Headers;
        headers.Add("X-Kannel-Username", Kannel.Username ?? string.Empty);
        headers.Add("X-Kannel-Password", Kannel.Password ?? string.Empty);
        headers.Add("X-Kannel-To", message.To.Value.TrimStart('+'));
        headers.Add("X-Kannel-Coding", SmsSegments.EncodingOf(message.Body) == SmsEncoding.Gsm7 ? "0" : "2");
        if (!string.IsNullOrWhiteSpace(Kannel.From))
        {
            headers.Add("X-Kannel-From", Kannel.From);
        }

        if (message.Reference is { } challengeId)
        {
            // Kannel fills in %d (report type), %A (the SMSC's answer) and %F (the SMSC's message id).
            headers.Add("X-Kannel-DLR-Mask", "31");
            headers.Add("X-Kannel-DLR-Url", _receipts.For(Provider, challengeId, message.OutboxId) + "?type=%d&answer=%A&smscId=%F");
        }

        return request;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kannel refused outbox message {OutboxId} with HTTP {StatusCode} ({Kind}).")]
    private static partial void LogRefused(ILogger logger, long outboxId, int statusCode, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kannel could not be reached for outbox message {OutboxId} ({Problem}); it will be retried.")]
    private static partial void LogUnreachable(ILogger logger, long outboxId, string problem);
}
