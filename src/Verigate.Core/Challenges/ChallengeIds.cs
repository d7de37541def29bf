using System.Buffers.Binary;
using System.Security.Cryptography;
using Verigate.Core.Identifiers;

namespace Verigate.Core.Challenges;

/// <summary>Challenge ids. Their random part alone makes them unguessable, so knowing one never helps guess another.</summary>
public static class ChallengeIds
{
    public const int MaxLength = 64;

    private const int TimeBytes = 6;
    private const int RandomBytes = 10;

    /// <summary>
    /// Verify API ids look like the hosted services' ones ("VE" and 32 hex digits): 48 bits of creation time in
    /// milliseconds, then 80 random bits. The time first makes the ids of one moment neighbours in the stores' key
    /// order, so the challenges and every index keyed by a challenge id gain their rows on the same few pages
    /// instead of one random page each (on SQLite, a third of a verification's page writes). They are not bearer secrets:
    /// every use needs the API key too, and 80 random bits are beyond guessing anyway.
    /// </summary>
    public static string NewVerificationId(DateTimeOffset now)
    {
        Span<byte> id = stackalloc byte[TimeBytes + RandomBytes];
        Span<byte> milliseconds = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(milliseconds, now.ToUnixTimeMilliseconds());
        milliseconds[(sizeof(long) - TimeBytes)..].CopyTo(id);
        RandomNumberGenerator.Fill(id[TimeBytes..]);
        return "VE" + Convert.ToHexStringLower(id);
    }

    /// <summary>Account challenges' ids travel in the flows' cookies, so they stay 128 random bits.</summary>
    public static string NewChallengeId() => SecureTokens.Create("ch_", 16);

    public static string NewFor(ChallengePurpose purpose, DateTimeOffset now) =>
        purpose == ChallengePurpose.VerifyApi ? NewVerificationId(now) : NewChallengeId();

    /// <summary>Cheap shape check before touching the store: anything else is simply unknown.</summary>
    public static bool LooksValid(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
