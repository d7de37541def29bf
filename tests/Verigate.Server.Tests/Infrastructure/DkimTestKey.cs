using System.Security.Cryptography;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Verigate.Server.Tests.Infrastructure;

/// <summary>A fresh DKIM key pair: the private half in a PEM file for Verigate, the public half served without DNS.</summary>
public sealed class DkimTestKey : DkimPublicKeyLocatorBase, IDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly string _directory = Directory.CreateTempSubdirectory("verigate-dkim-").FullName;

    public DkimTestKey()
    {
        KeyFile = Path.Combine(_directory, "dkim.pem");
        File.WriteAllText(KeyFile, _rsa.ExportRSAPrivateKeyPem());
    }

    public const string Domain = "mail.example.test";
    public const string Selector = "vg2026";

    public string KeyFile { get; }

    public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
        domain == Domain && selector == Selector
            ? GetPublicKey("v=DKIM1; k=rsa; p=" + Convert.ToBase64String(_rsa.ExportSubjectPublicKeyInfo()))
            : throw new InvalidOperationException($"No DKIM key published for {selector}._domainkey.{domain}.");

    public override Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
        Task.FromResult(LocatePublicKey(methods, domain, selector, cancellationToken));

    public async Task<bool> VerifyAsync(MimeMessage message)
    {
        var index = message.Headers.IndexOf(HeaderId.DkimSignature);
        Assert.True(index >= 0, "The message has no DKIM-Signature header.");
        return await new DkimVerifier(this).VerifyAsync(message, message.Headers[index]);
    }

    public void Dispose()
    {
        _rsa.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
