namespace Verigate.Delivery.Sms;

/// <summary>Kannel's smsbox HTTP interface (configuration section <c>Delivery:Sms:Kannel</c>). Setting <see cref="SendSmsUrl"/> turns it on.</summary>
public sealed class KannelOptions
{
    /// <summary>For example <c>http://kannel.internal:13013/cgi-bin/sendsms</c>.</summary>
    public string? SendSmsUrl { get; set; }

    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>The sender id or number; empty uses Kannel's <c>global-sender</c>.</summary>
    public string? From { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(SendSmsUrl);

    public IEnumerable<string> Validate()
    {
        if (!IsConfigured)
        {
            yield break;
        }

        if (!Uri.TryCreate(SendSmsUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || !string.IsNullOrEmpty(uri.Query))
        {
            yield return $"Delivery:Sms:Kannel:SendSmsUrl must be an absolute http(s) URL without a query, such as http://kannel:13013/cgi-bin/sendsms (now '{SendSmsUrl}').";
        }

        if (string.IsNullOrWhiteSpace(Username) || string.IsNullOrEmpty(Password))
        {
            yield return "Delivery:Sms:Kannel:Username and Password are required (a sendsms-user of your Kannel).";
        }

        if (From is { Length: > 20 })
        {
            yield return "Delivery:Sms:Kannel:From must be at most 20 characters.";
        }

        if (Timeout < TimeSpan.FromSeconds(1) || Timeout > TimeSpan.FromMinutes(2))
        {
            yield return "Delivery:Sms:Kannel:Timeout must be between 00:00:01 and 00:02:00.";
        }
    }
}
