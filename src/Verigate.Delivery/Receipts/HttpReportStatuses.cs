using Verigate.Core.Outbox;

namespace Verigate.Delivery.Receipts;

/// <summary>The <c>status</c> words a generic HTTP gateway may report, as timeline states with our own words.</summary>
public static class HttpReportStatuses
{
    public static (DeliveryStatus Status, string Detail)? Map(string? status) => status?.Trim().ToLowerInvariant() switch
    {
        "delivered" => (DeliveryStatus.Delivered, "The phone network reports the message delivered."),
        "undelivered" or "failed" => (DeliveryStatus.Failed, "The phone network could not deliver the message."),
        "rejected" => (DeliveryStatus.Failed, "The phone network refused the message."),
        "accepted" => (DeliveryStatus.Accepted, "The phone network accepted the message."),
        "queued" or "sent" => (DeliveryStatus.Sent, "The SMS gateway queued the message."),
        _ => null,
    };
}
