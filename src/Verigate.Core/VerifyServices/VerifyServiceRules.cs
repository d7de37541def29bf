using System.Security.Cryptography;
using Verigate.Core.Challenges;
using Verigate.Core.Verifications;

namespace Verigate.Core.VerifyServices;

/// <summary>What makes a service valid, shared by configuration (checked at start-up) and the <c>service</c> command.</summary>
public static class VerifyServiceRules
{
    public const int MaxNameLength = 64;
    public const int MaxFriendlyNameLength = 30; // what fits in an SMS beside the code (Twilio's limit too)

    public static string NewSid() => "VA" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool IsSid(string? sid) =>
        sid is { Length: 34 } && sid.StartsWith("VA", StringComparison.OrdinalIgnoreCase) && sid.Skip(2).All(char.IsAsciiHexDigit);

    /// <summary>"VA" and the hex digits in lower case, the form SIDs are stored and compared in.</summary>
    public static string Normalize(string sid) => "VA" + sid[2..].ToLowerInvariant();

    public static bool IsName(string? name) =>
        name is { Length: > 0 and <= MaxNameLength } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>Every problem with a service's settings, in words naming <paramref name="where"/>; empty when valid.</summary>
    public static IEnumerable<string> Problems(string where, string? sid, string? friendlyName, int codeLength, string? locale)
    {
        if (!IsSid(sid))
        {
            yield return $"{where}:Sid must be 'VA' followed by 32 hexadecimal digits.";
        }

        if (string.IsNullOrWhiteSpace(friendlyName) || friendlyName.Length > MaxFriendlyNameLength || friendlyName.Any(char.IsControl))
        {
            yield return $"{where}:FriendlyName must be 1-{MaxFriendlyNameLength} printable characters.";
        }

        if (codeLength is < CodePolicyOptions.MinimumLength or > CodePolicyOptions.MaximumLength)
        {
            yield return $"{where}:CodeLength must be between {CodePolicyOptions.MinimumLength} and {CodePolicyOptions.MaximumLength}.";
        }

        if (locale is null || VerificationService.LocaleError(locale) is not null)
        {
            yield return $"{where}:Locale must be a language tag such as \"en\" or \"de-CH\".";
        }
    }
}
