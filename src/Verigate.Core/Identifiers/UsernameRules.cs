using System.Collections.Frozen;
using Verigate.Core.Results;

namespace Verigate.Core.Identifiers;

/// <summary>Usernames: 2-24 ASCII letters, digits, '_' and '.', not all digits, not reserved; unique case-insensitively.</summary>
public static class UsernameRules
{
    public const int MinLength = 2;
    public const int MaxLength = 24;

    private static readonly FrozenSet<string> Reserved = FrozenSet.ToFrozenSet(
    [
        "admin", "administrator", "root", "support", "help", "helpdesk", "verigate", "security", "system",
        "staff", "moderator", "mod", "official", "owner", "api", "www", "mail", "postmaster", "abuse",
        "noreply", "no_reply", "no.reply", "info", "billing", "me", "null", "undefined", "anonymous",
    ]);

    /// <summary>The key uniqueness is decided on.</summary>
    public static string Normalize(string username) => username.ToLowerInvariant();

    public static Error? Validate(string? username)
    {
        if (string.IsNullOrEmpty(username) || username.Length < MinLength || username.Length > MaxLength)
        {
            return Invalid($"A username has {MinLength} to {MaxLength} characters.");
        }

        var allDigits = true;
        foreach (var c in username)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && c != '.')
            {
                return Invalid("A username may contain only letters, digits, '_' and '.'.");
            }

            allDigits &= char.IsAsciiDigit(c);
        }

        if (allDigits)
        {
            // All-digit handles could be mistaken for user ids.
            return Invalid("A username cannot be all digits.");
        }

        return Reserved.Contains(Normalize(username)) ? Invalid("This username is reserved.") : null;
    }

    private static Error Invalid(string message) => new(ErrorCodes.InvalidUsername, message, "username");
}
