using Verigate.Core.Outbox;

namespace Verigate.Delivery.Receipts;

/// <summary>Kannel's DLR types (the <c>%d</c> of a dlr-url) as timeline states, with our own words for each.</summary>
public static class KannelReportTypes
{
    public static (DeliveryStatus Status, string Detail)? Map(int type) => type switch
    {
        1 => (DeliveryStatus.Delivered, "The phone network reports the message delivered."),
        2 => (DeliveryStatus.Failed, "The phone network could not deliver the message."),
        4 => (DeliveryStatus.Sent, "The SMS gateway queued the message."),
        8 => (DeliveryStatus.Accepted, "The phone network accepted the message."),
        16 => (DeliveryStatus.Failed, "The phone network refused the message."),
        _ => null,
    };
}
