using System.Security.Cryptography;
using System.Text;
using Verigate.Core.Destinations;

namespace Verigate.Core.Challenges;

/// <summary>
/// The keys under which a repeated request of the same kind finds its pending challenge (issue 7 item 5, what Twilio
/// Verify does): keyed hashes under the code-hash key, so the table never holds a reset's login in a readable form.
/// A password reset is keyed by the login as typed (normalized), never by the account, for real and decoy resets
/// alike: keyed by account, two logins of one account would share a challenge id and so reveal that they belong together.
/// </summary>
public sealed class ReuseKeys(CodeHashKey key)
{
    /// <summary>A new-device sign-in code for one account, sent to one contact.</summary>
    public string SignIn(long userId, Destination to) =>
        Hash(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"sign_in\n{userId}\n{Of(to)}"));

    /// <summary>A password reset asked for by <paramref name="normalizedLogin"/> (see <c>LoginResolver.LimitKey</c>).</summary>
    public string PasswordReset(string normalizedLogin) => Hash($"password_reset\n{normalizedLogin}");

    /// <summary>An address being added to (or replacing one on) one account.</summary>
    public string ContactChange(long userId, Destination to) =>
        Hash(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"contact_change\n{userId}\n{Of(to)}"));

    /// <summary>A Verify API verification of one API key, for one purpose and destination.</summary>
    public string Verification(string apiKeyId, string purpose, Destination to) => Hash($"verification\n{apiKeyId}\n{purpose}\n{Of(to)}");

    private static string Of(Destination to) => $"{to.Channel.ToWire()}:{to.Value}";

    private string Hash(string message) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key.Bytes, Encoding.UTF8.GetBytes("verigate-reuse-v1\n" + message)));
}
