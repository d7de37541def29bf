using MimeKit.Cryptography;

namespace Verigate.Delivery.Email;

/// <summary>DKIM signing (configuration section <c>Delivery:Email:Dkim</c>); off unless all three keys are set.</summary>
public sealed class DkimOptions
{
    /// <summary>A PEM file with the RSA private key whose public half is published at <c>Selector._domainkey.Domain</c>.</summary>
    public string? KeyFile { get; set; }

    public string? Domain { get; set; }
    public string? Selector { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(KeyFile) || !string.IsNullOrWhiteSpace(Domain) || !string.IsNullOrWhiteSpace(Selector);

    public DkimSigner CreateSigner() => new(KeyFile!, Domain!, Selector!, DkimSignatureAlgorithm.RsaSha256)
    {
        HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
        BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
    };

    public IEnumerable<string> Validate()
    {
        if (!IsConfigured)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(KeyFile) || string.IsNullOrWhiteSpace(Domain) || string.IsNullOrWhiteSpace(Selector))
        {
            yield return "Delivery:Email:Dkim needs all of KeyFile, Domain and Selector (or none, to send unsigned).";
            yield break;
        }

        if (!File.Exists(KeyFile))
        {
            yield return $"Delivery:Email:Dkim:KeyFile '{KeyFile}' does not exist.";
            yield break;
        }

        string? error = null;
        try
        {
            _ = CreateSigner();
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or Org.BouncyCastle.Security.SecurityUtilityException)
        {
            error = $"Delivery:Email:Dkim:KeyFile '{KeyFile}' is not a readable PEM RSA private key ({e.GetType().Name}).";
        }

        if (error is not null)
        {
            yield return error;
        }
    }
}
