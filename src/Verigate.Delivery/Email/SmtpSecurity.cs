namespace Verigate.Delivery.Email;

/// <summary>How the SMTP connection is protected.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain SMTP (loopback relays and tests only).</summary>
    None,

    /// <summary>Plain connect, then STARTTLS, which must succeed (submission port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    Tls,
}
