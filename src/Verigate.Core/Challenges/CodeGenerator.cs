using System.Security.Cryptography;

namespace Verigate.Core.Challenges;

/// <summary>Uniformly random numeric codes from the OS CSPRNG; leading zeros are kept (they are strings).</summary>
public static class CodeGenerator
{
    public static string Generate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, CodePolicyOptions.MinimumLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, CodePolicyOptions.MaximumLength);
        return RandomNumberGenerator.GetString("0123456789", length);
    }
}
