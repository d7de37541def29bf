using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Verigate.Core.Challenges;

namespace Verigate.Server.Secrets;

/// <summary>Keeps a code re-deliverable while its challenge is open, encrypted with ASP.NET Core Data Protection.</summary>
internal sealed class DataProtectionCodeVault(IDataProtectionProvider provider) : ICodeVault
{
    private readonly IDataProtector _protector = provider.CreateProtector("Verigate.Challenges.Code.v1");

    public string Protect(string code) => _protector.Protect(code);

    public string? Unprotect(string protectedCode)
    {
        try
        {
            return _protector.Unprotect(protectedCode);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
