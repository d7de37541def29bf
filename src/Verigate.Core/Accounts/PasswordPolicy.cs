using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using Verigate.Core.Results;

namespace Verigate.Core.Accounts;

/// <summary>
/// NIST SP 800-63B rules: at least 8 characters, up to 256, any characters (spaces and emoji included), no
/// composition rules, refused when it is a commonly used password or contains the username.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 8;
    public const int MaxLength = 256;

    private static readonly FrozenSet<string> Common = LoadCommonPasswords();

    public static Error? Validate(string? password, string? username)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Weak("Choose a password.");
        }

        // Length counts characters as people see them, not UTF-16 units.
        var length = new StringInfo(password).LengthInTextElements;
        if (length < MinLength)
        {
            return Weak($"Use at least {MinLength} characters.");
        }

        if (password.Length > MaxLength)
        {
            return Weak($"Use at most {MaxLength} characters.");
        }

        if (password.Any(c => char.IsControl(c)))
        {
            return Weak("A password cannot contain control characters.");
        }

        if (Common.Contains(password.ToLowerInvariant()))
        {
            return Weak("This password is too common; choose one that others are unlikely to use.");
        }

        if (!string.IsNullOrEmpty(username) && password.Contains(username, StringComparison.OrdinalIgnoreCase))
        {
            return Weak("A password cannot contain the username.");
        }

        return null;
    }

    private static Error Weak(string message) => new(ErrorCodes.WeakPassword, message, "password");

    private static FrozenSet<string> LoadCommonPasswords()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("common-passwords.txt")
            ?? throw new InvalidOperationException("The common-passwords resource is missing from Verigate.Core.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                words.Add(line.Trim().ToLowerInvariant());
            }
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
