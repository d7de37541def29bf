namespace Verigate.Delivery.Sms;

/// <summary>The SMS channel (configuration section <c>Delivery:Sms</c>).</summary>
public sealed class SmsOptions : Channels.ChannelOptions
{
    public KannelOptions Kannel { get; set; } = new();
    public HttpSmsOptions Http { get; set; } = new();

    /// <summary>
    /// Where gateways send delivery reports: the base URL of Verigate as the gateway reaches it. Empty uses
    /// <c>Verigate:PublicBaseUrl</c>; set it when the gateway sits on an internal network.
    /// </summary>
    public string? CallbackBaseUrl { get; set; }

    /// <summary>The most SMS parts one message may take; longer texts lose their optional sentences first.</summary>
    public int MaxSegments { get; set; } = 3;

    public override bool IsConfigured => Kannel.IsConfigured || Http.IsConfigured;

    public IEnumerable<string> Validate()
    {
        foreach (var error in Kannel.Validate().Concat(Http.Validate()))
        {
            yield return error;
        }

        if (Kannel.IsConfigured && Http.IsConfigured)
        {
            yield return "Configure one SMS gateway: Delivery:Sms:Kannel or Delivery:Sms:Http, not both.";
        }

        if (!string.IsNullOrWhiteSpace(CallbackBaseUrl)
            && (!Uri.TryCreate(CallbackBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || !string.IsNullOrEmpty(uri.Query)))
        {
            yield return $"Delivery:Sms:CallbackBaseUrl must be an absolute http(s) URL without a query (now '{CallbackBaseUrl}').";
        }

        if (MaxSegments is < 1 or > 10)
        {
            yield return "Delivery:Sms:MaxSegments must be between 1 and 10.";
        }
    }
}
