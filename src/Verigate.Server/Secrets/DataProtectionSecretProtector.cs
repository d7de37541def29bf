using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Verigate.Core.TwoFactor;

namespace Verigate.Server.Secrets;

/// <summary>Encrypts TOTP secrets at rest with ASP.NET Core Data Protection (keys outside the tables they protect).</summary>
internal sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    private readonly IDataProtector _protector = provider.CreateProtector("Verigate.TwoFactor.TotpSecret.v1");

    public string Protect(byte[] secret) => Convert.ToBase64String(_protector.Protect(secret));

    public byte[]? Unprotect(string protectedSecret)
    {
        try
        {
            return _protector.Unprotect(Convert.FromBase64String(protectedSecret));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
