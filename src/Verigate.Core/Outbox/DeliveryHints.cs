using Verigate.Core.Destinations;

namespace Verigate.Core.Outbox;

/// <summary>
/// The plain-language advice shown under "didn't get the code?". Hints speak only of what the person can do;
/// they never repeat a provider's error text, which could help an attacker.
/// </summary>
public static class DeliveryHints
{
    public static string For(DeliveryEvent delivery) => (delivery.Status, delivery.Destination.Channel) switch
    {
        (DeliveryStatus.Queued, _) => "We are sending your code. It usually arrives within a minute.",
        (DeliveryStatus.Sent or DeliveryStatus.Accepted, Channel.Email) =>
            $"Sent to {delivery.Destination.Masked}. Check that the address is right and look in your spam or junk folder.",
        (DeliveryStatus.Sent or DeliveryStatus.Accepted, Channel.Sms) =>
            $"Sent to {delivery.Destination.Masked}. Check that the number is right; some carriers delay or filter messages from short codes.",
        (DeliveryStatus.Delivered, Channel.Email) => "Delivered. If you cannot find it, look in your spam or junk folder.",
        (DeliveryStatus.Delivered, _) => "Delivered to your phone. If you cannot see it, check blocked or filtered messages.",
        (DeliveryStatus.Failed, _) => "We could not deliver this message. Check the destination for a typo, or try another way to receive your code.",
        (DeliveryStatus.Dropped, _) => "This message was not sent because the code is no longer valid. Ask for a new code.",
        (DeliveryStatus.Refused, _) => "Text messages cannot be sent to this number right now. Ask for the code another way, such as by email.",
        _ => "Try again in a moment.",
    };
}
