namespace Verigate.Core.DeliveryHealth;

/// <summary>
/// One line of delivery health: a channel (<c>sms</c>, <c>email</c>), the provider that took the messages (null when
/// none did: refused by the SMS guard, or no channel configured) and an area: the destination's country (ISO 3166,
/// from its E.164 prefix; <see cref="UnknownArea"/> when no region claims it) or the email domain group.
/// </summary>
public sealed record DeliveryGroup(string Channel, string? Provider, string Area)
{
    public const string UnknownArea = "unknown";
}
