using System.Security.Cryptography;
using Verigate.Core.Identifiers;

namespace Verigate.Core.Challenges;

/// <summary>Challenge ids: 128 random bits, so knowing one never helps guess another.</summary>
public static class ChallengeIds
{
    public const int MaxLength = 64;

    /// <summary>Verify API ids look like the hosted services' ones ("VE" and 32 hex digits).</summary>
    public static string NewVerificationId() => "VE" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string NewChallengeId() => SecureTokens.Create("ch_", 16);

    public static string NewFor(ChallengePurpose purpose) =>
        purpose == ChallengePurpose.VerifyApi ? NewVerificationId() : NewChallengeId();

    /// <summary>Cheap shape check before touching the store: anything else is simply unknown.</summary>
    public static bool LooksValid(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
