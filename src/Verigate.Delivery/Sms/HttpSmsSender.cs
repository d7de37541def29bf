using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Verigate.Core.Destinations;
using Verigate.Core.Outbox;
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
    private const string HandedOver = "Handed to the SMS gateway.";
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
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Settings.Timeout };
    }

    private HttpSmsOptions Settings => _options.Value.Sms.Http;

    public bool Handles(Channel channel) => channel == Channel.Sms && Settings.IsConfigured;

    public SendOutcome DecoyOutcome => new(DeliveryStatus.Sent, HandedOver);

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
            var reason = $"{status} {Trim(answer)}";
            if (response.IsSuccessStatusCode)
            {
                return new SendOutcome(DeliveryStatus.Sent, HandedOver) { ProviderMessageId = IdOf(answer), ProviderReason = reason };
            }

            var temporary = status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
            LogRefused(_logger, message.OutboxId, status, temporary ? "temporary" : "permanent");
            return temporary
                ? new SendOutcome(DeliveryStatus.Failed, "The SMS gateway could not take the message yet; we will try again.", Retry: true) { ProviderReason = reason }
                : new SendOutcome(DeliveryStatus.Failed, "The SMS gateway refused this message.") { ProviderReason = reason };
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            LogUnreachable(_logger, message.OutboxId, e.GetType().Name);
            return new SendOutcome(DeliveryStatus.Failed, "The SMS gateway could not be reached; we will try again.", Retry: true) { ProviderReason = e.GetType().Name };
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
                    return Trim(id.ToString());
                }
            }
        }
        catch (JsonException)
        {
            // not JSON: no id
        }

        return null;
    }

    private static string Trim(string text) => text.Length <= 200 ? text.Trim() : text[..200].Trim();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SMS gateway refused outbox message {OutboxId} with HTTP {StatusCode} ({Kind}).")]
    private static partial void LogRefused(ILogger logger, long outboxId, int statusCode, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SMS gateway could not be reached for outbox message {OutboxId} ({Problem}); it will be retried.")]
    private static partial void LogUnreachable(ILogger logger, long outboxId, string problem);
}
