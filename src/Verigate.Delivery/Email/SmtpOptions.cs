using MimeKit;

namespace Verigate.Delivery.Email;

/// <summary>The SMTP relay (configuration section <c>Delivery:Email:Smtp</c>). Setting <see cref="Host"/> turns email on.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    /// <summary>0 picks the usual port for <see cref="Security"/>: 25, 587 or 465.</summary>
    public int Port { get; set; }

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;
    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>The sender, for example <c>Verigate &lt;no-reply@example.com&gt;</c>.</summary>
    public string? From { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many connections to the relay are kept open and reused.</summary>
    public int MaxConnections { get; set; } = 4;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public int EffectivePort => Port != 0 ? Port : Security switch
    {
        SmtpSecurity.Tls => 465,
        SmtpSecurity.StartTls => 587,
        _ => 25,
    };

    public MailboxAddress Sender => MailboxAddress.Parse(From!);

    public IEnumerable<string> Validate()
    {
        if (!IsConfigured)
        {
            yield break;
        }

        if (Uri.CheckHostName(Host) == UriHostNameType.Unknown)
        {
            yield return $"Delivery:Email:Smtp:Host '{Host}' is not a host name or IP address.";
        }

        if (Port is < 0 or > 65535)
        {
            yield return "Delivery:Email:Smtp:Port must be between 1 and 65535 (or 0 for the usual port of Security).";
        }

        if (string.IsNullOrWhiteSpace(From) || !MailboxAddress.TryParse(From, out var from) || !from.Address.Contains('@', StringComparison.Ordinal))
        {
            yield return "Delivery:Email:Smtp:From must be a sender address such as 'Verigate <no-reply@example.com>'.";
        }

        if (string.IsNullOrEmpty(Username) != string.IsNullOrEmpty(Password))
        {
            yield return "Delivery:Email:Smtp:Username and Password go together: set both (to authenticate) or neither.";
        }

        if (Timeout < TimeSpan.FromSeconds(1) || Timeout > TimeSpan.FromMinutes(5))
        {
            yield return "Delivery:Email:Smtp:Timeout must be between 00:00:01 and 00:05:00.";
        }

        if (MaxConnections is < 1 or > 64)
        {
            yield return "Delivery:Email:Smtp:MaxConnections must be between 1 and 64.";
        }
    }
}
