using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Verigate.Core.Accounts;

/// <summary>
/// PBKDF2-HMAC-SHA256 at OWASP's current minimum of 600,000 iterations with a 128-bit salt. Built into .NET
/// (no native dependency), FIPS-approved and named by NIST SP 800-63B; about 110 ms per hash on our 2-core host.
/// The iteration count is part of the stored string, so it can be raised later and old hashes still verify.
/// </summary>
public sealed class PasswordHasher
{
    public const int Iterations = 600_000;
    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    // Verified against when the account does not exist, so unknown and known logins cost the same.
    private readonly Lazy<string> _decoy;

    public PasswordHasher() => _decoy = new Lazy<string>(() => Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));

    /// <summary>
    /// A hash of a random password nobody knows, for an account whose password must stop working ("secure my
    /// account"): checking against it costs the same time as a real one and fails like a wrong password.
    /// </summary>
    public string UnusableHash => _decoy.Value;

    public string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(password, salt, Iterations);
        return string.Join('$', Scheme, Iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    public bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var iterations))
        {
            return false;
        }

        var expected = Convert.FromBase64String(parts[3]);
        var actual = Derive(password, Convert.FromBase64String(parts[2]), iterations);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Spends the same work as <see cref="Verify"/> and always fails.</summary>
    public bool VerifyDecoy(string password)
    {
        _ = Verify(password, _decoy.Value);
        return false;
    }

    // NIST SP 800-63B: normalize Unicode (NFKC) so the same password typed on two keyboards matches.
    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password.Normalize(NormalizationForm.FormKC)), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}
