using Verigate.Core.Accounts;
using Verigate.Core.Destinations;
using Verigate.Core.Identifiers;
using Verigate.Core.Storage;

namespace Verigate.Core.SignIn;

/// <summary>
/// Finds the account a login names: an email or phone number (verified contacts only, so nobody can squat an
/// address they do not own) or a username.
/// </summary>
public static class LoginResolver
{
    public const int MaxLength = 254;

    /// <summary>The account, and the contact the login named (null for a username).</summary>
    public static async Task<(Account? Account, Destination? Contact)> ResolveAsync(IStoreSession session, string login, CancellationToken ct)
    {
        var trimmed = login.Trim();
        if (trimmed.Contains('@', StringComparison.Ordinal) || trimmed.StartsWith('+'))
        {
            var parsed = DestinationParser.ParseEither(trimmed, "login");
            return parsed.IsSuccess
                ? (await session.Accounts.FindByVerifiedContactAsync(parsed.Value, ct), parsed.Value)
                : (null, null);
        }

        return UsernameRules.Validate(trimmed) is null
            ? (await session.Accounts.FindByUsernameAsync(trimmed, ct), null)
            : (null, null);
    }

    /// <summary>
    /// The key login and reset limits are counted under: the login as the resolver understands it (an address in
    /// its normalized form, so "+1 415 555 1840" and "+1 (415) 555-1840" share one budget), computed the same
    /// way whether or not the account exists.
    /// </summary>
    public static string LimitKey(string login)
    {
        var trimmed = login.Trim();
        if (trimmed.Contains('@', StringComparison.Ordinal) || trimmed.StartsWith('+'))
        {
            var parsed = DestinationParser.ParseEither(trimmed, "login");
            if (parsed.IsSuccess)
            {
                return parsed.Value.Value;
            }
        }

        return trimmed.ToLowerInvariant();
    }
}
