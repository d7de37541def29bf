using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Verigate.Core.Destinations;
using Verigate.Delivery.Channels;
using Verigate.Delivery.Receipts;

namespace Verigate.Delivery.Sms;

/// <summary>
/// Sends SMS through a generic HTTPS JSON API (see <see cref="HttpSmsOptions"/>). 2xx is sent (an <c>id</c>,
/// <c>messageId</c> or <c>sid</c> in the answer is kept to match reports); 408, 429 and 5xx are retried; other 4xx
/// are permanent. Status callbacks come back to <c>/v1/delivery-receipts/http/…</c>.
/// </summary>
public sealed partial class HttpSmsSender : IMessageSender, IDisposable
{
    public const string Provider = "http";
    private static readonly string[] IdFields = ["id", "messageId", "message_id", "sid"];
    private readonly HttpClient _http;
    private readonly IOptions<DeliveryOptions> _options;
    private readonly ReceiptUrls _receipts;
    private readonly ILogger<HttpSmsSender> _logger;

    public HttpSmsSender(IOptions<DeliveryOptions> options, ReceiptUrls receipts, ILogger<HttpSmsSender> logger)
    {
        _options = options;
        _receipts = receipts;
        _logger = logger;
        _http = SmsGateway.CreateClient(Settings.Timeout);
    }

    private HttpSmsOptions Settings => _options.Value.Sms.Http;

    public bool Handles(Channel channel) => channel == Channel.Sms && Settings.IsConfigured;

    string IMessageSender.Provider => Provider;

    public SendOutcome DecoyOutcome => SmsGateway.Sent;

    public async Task<SendOutcome> SendAsync(RenderedMessage message, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Settings.Url) { Content = new StringContent(Body(message), Encoding.UTF8, "application/json") };
        if (!string.IsNullOrEmpty(Settings.AuthValue))
        {
            request.Headers.TryAddWithoutValidation(Settings.AuthHeader, Settings.AuthValue);
        }

        try
        {
            using var response = await _http.SendAsync(request, ct);
            var answer = await response.Content.ReadAsStringAsync(ct);
            var status = (int)response.StatusCode;
            var reason = SmsGateway.Reason(status, answer);
            if (response.IsSuccessStatusCode)
            {
                return SmsGateway.Accepted(reason, IdOf(answer));
            }

            var temporary = status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
            LogRefused(_logger, message.OutboxId, status, temporary ? "temporary" : "permanent");
            return temporary ? SmsGateway.NotYet(reason) : SmsGateway.Refused(reason);
        }
        catch (Exception e) when (SmsGateway.IsUnreachable(e, ct))
        {
            LogUnreachable(_logger, message.OutboxId, e.GetType().Name);
            return SmsGateway.Unreachable(e);
        }
    }

    public void Dispose() => _http.Dispose();

    private string Body(RenderedMessage message)
    {
        var callback = message.Reference is { } challengeId ? _receipts.For(Provider, challengeId, message.OutboxId) : string.Empty;
        return new StringBuilder(Settings.BodyTemplate)
            .Replace("{to}", Json(message.To.Value))
            .Replace("{from}", Json(Settings.From ?? string.Empty))
            .Replace("{text}", Json(message.Body))
            .Replace("{callbackUrl}", Json(callback))
            .Replace("{reference}", Json(message.OutboxId.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToString();
    }

    /// <summary>The value JSON-escaped, without the quotes (the template has them).</summary>
    private static string Json(string value) => JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();

    private static string? IdOf(string answer)
    {
        try
        {
            using var document = JsonDocument.Parse(answer);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var field in IdFields)
            {
                if (document.RootElement.TryGetProperty(field, out var id) && id.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                {
                    return SmsGateway.Cut(id.ToString());
                }
            }
        }
        catch (JsonException)
        {
            // not JSON: no id
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SMS gateway refused outbox message {OutboxId} with HTTP {StatusCode} ({Kind}).")]
    private static partial void LogRefused(ILogger logger, long outboxId, int statusCode, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SMS gateway could not be reached for outbox message {OutboxId} ({Problem}); it will be retried.")]
    private static partial void LogUnreachable(ILogger logger, long outboxId, string problem);
}
