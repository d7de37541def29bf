using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Verigate.Server.Webhooks;

/// <summary>Endpoint secrets at rest: encrypted with ASP.NET Core Data Protection, opened only to sign.</summary>
public sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Verigate.Webhooks.Secret.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string? Unprotect(string protectedSecret)
    {
        try
        {
            return _protector.Unprotect(protectedSecret);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
