namespace Verigate.Delivery.Sms;

/// <summary>
/// A generic HTTPS JSON SMS API (configuration section <c>Delivery:Sms:Http</c>). Setting <see cref="Url"/> turns it on.
/// Verigate POSTs <see cref="BodyTemplate"/> with <c>{to}</c>, <c>{from}</c>, <c>{text}</c>, <c>{callbackUrl}</c> and
/// <c>{reference}</c> filled in (JSON-escaped), with the header <see cref="AuthHeader"/>: <see cref="AuthValue"/>.
/// </summary>
public sealed class HttpSmsOptions
{
    public const string DefaultBody = """{"to":"{to}","from":"{from}","text":"{text}","statusCallback":"{callbackUrl}","reference":"{reference}"}""";

    public string? Url { get; set; }
    public string AuthHeader { get; set; } = "Authorization";
    public string? AuthValue { get; set; }
    public string BodyTemplate { get; set; } = DefaultBody;
    public string? From { get; set; }
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Url);

    public IEnumerable<string> Validate()
    {
        if (!IsConfigured)
        {
            yield break;
        }

        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            yield return $"Delivery:Sms:Http:Url must be an absolute http(s) URL (now '{Url}').";
        }

        if (string.IsNullOrWhiteSpace(AuthHeader) || AuthHeader.Any(c => c is ':' or ' ' || char.IsControl(c)))
        {
            yield return "Delivery:Sms:Http:AuthHeader must be a header name such as 'Authorization'.";
        }

        if (AuthValue is not null && AuthValue.Any(char.IsControl))
        {
            yield return "Delivery:Sms:Http:AuthValue must not contain control characters.";
        }

        if (!BodyTemplate.Contains("{to}", StringComparison.Ordinal) || !BodyTemplate.Contains("{text}", StringComparison.Ordinal))
        {
            yield return "Delivery:Sms:Http:BodyTemplate must contain {to} and {text}.";
        }

        if (Timeout < TimeSpan.FromSeconds(1) || Timeout > TimeSpan.FromMinutes(2))
        {
            yield return "Delivery:Sms:Http:Timeout must be between 00:00:01 and 00:02:00.";
        }
    }
}
