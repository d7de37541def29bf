using Verigate.Core.Outbox;
using Verigate.Delivery.Channels;

namespace Verigate.Delivery.Sms;

/// <summary>
/// What the SMS gateway senders (Kannel, the generic HTTPS one) have in common: their HTTP client, and the
/// outcomes they report in our own words, with the gateway's raw answer kept apart as the provider reason.
/// </summary>
internal static class SmsGateway
{
    public const string HandedOver = "Handed to the SMS gateway.";
    private const int MaxReasonLength = 200;

    public static SendOutcome Sent => new(DeliveryStatus.Sent, HandedOver);

    public static HttpClient CreateClient(TimeSpan timeout) =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = timeout };

    /// <summary>Connection refused, reset, or no answer in time (but not our own shutdown): worth trying again.</summary>
    public static bool IsUnreachable(Exception e, CancellationToken ct) =>
        e is HttpRequestException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested);

    public static SendOutcome Accepted(string reason, string? providerMessageId = null) =>
        Sent with { ProviderReason = reason, ProviderMessageId = providerMessageId };

    public static SendOutcome Refused(string reason, string detail = "The SMS gateway refused this message.") =>
        new(DeliveryStatus.Failed, detail) { ProviderReason = reason };

    public static SendOutcome NotYet(string reason) =>
        new(DeliveryStatus.Failed, "The SMS gateway could not take the message yet; we will try again.", Retry: true) { ProviderReason = reason };

    public static SendOutcome Unreachable(Exception e) =>
        new(DeliveryStatus.Failed, "The SMS gateway could not be reached; we will try again.", Retry: true) { ProviderReason = e.GetType().Name };

    /// <summary>The gateway's status and answer, cut to a length fit for the timeline.</summary>
    public static string Reason(int status, string answer) => $"{status} {Cut(answer)}";

    public static string Cut(string text) => text.Length <= MaxReasonLength ? text.Trim() : text[..MaxReasonLength].Trim();
}
