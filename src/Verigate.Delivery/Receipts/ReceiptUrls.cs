using System.Globalization;
using Microsoft.Extensions.Options;
using Verigate.Core;

namespace Verigate.Delivery.Receipts;

/// <summary>The callback URL a gateway reports a message's fate to: <c>/v1/delivery-receipts/{provider}/{challenge}/{outbox}/{token}</c>.</summary>
public sealed class ReceiptUrls(ReceiptTokens tokens, IOptions<DeliveryOptions> delivery, IOptions<VerigateOptions> verigate)
{
    public const string Prefix = "v1/delivery-receipts";

    private Uri Base => string.IsNullOrWhiteSpace(delivery.Value.Sms.CallbackBaseUrl)
        ? verigate.Value.PublicBase
        : new Uri(delivery.Value.Sms.CallbackBaseUrl.TrimEnd('/') + "/");

    public string For(string provider, string challengeId, long outboxId) =>
        new Uri(Base, string.Create(CultureInfo.InvariantCulture, $"{Prefix}/{provider}/{Uri.EscapeDataString(challengeId)}/{outboxId}/{tokens.For(challengeId, outboxId)}")).ToString();
}
