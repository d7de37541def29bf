using System.Buffers;
using Verigate.Core.Identifiers;

namespace Verigate.Core.Sessions;

/// <summary>
/// The public id of a session (<c>ses_</c> and 96 random bits, base64url): what lists show and revocation names. It
/// is not the bearer token and opens nothing.
/// </summary>
public static class SessionIds
{
    public const string Prefix = "ses_";
    private const int RandomBytes = 12;
    private const int Length = 20; // the prefix and 16 base64url characters
    private static readonly SearchValues<char> Base64Url = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    public static string New() => SecureTokens.Create(Prefix, RandomBytes);

    public static bool IsWellFormed(string? id) =>
        id is { Length: Length } && id.StartsWith(Prefix, StringComparison.Ordinal)
        && id.AsSpan(Prefix.Length).IndexOfAnyExcept(Base64Url) < 0;
}
