using Verigate.Core.Destinations;

namespace Verigate.Core.Challenges;

/// <summary>
/// Which consecutive-failure counter a wrong answer feeds: one per factor and flow, so whoever pays for the
/// guesses is the flow that allowed them. A password reset anybody can start counts against the address it
/// was sent to (decoys included, so locks look the same for unknown logins) and never locks the owner's
/// sign-in; a sign-in code can only be guessed by someone who had the password; Verify API guesses count per
/// API key and destination, across verifications.
/// </summary>
public static class FailureScopes
{
    public static string For(Challenge challenge) => challenge.Purpose switch
    {
        ChallengePurpose.PasswordReset => Reset(challenge.Destination),
        ChallengePurpose.VerifyApi => $"verify:{challenge.Subject.Id}:{challenge.Destination.Channel.ToWire()}:{challenge.Destination.Value}",
        ChallengePurpose.SecondFactorLogin => SecondFactor(challenge.Subject.UserId),
        _ => SignIn(challenge.Subject.UserId),
    };

    /// <summary>Codes that only a holder of the account (its password or its session) can be asked for.</summary>
    public static string SignIn(long userId) => $"account:{userId}";

    /// <summary>
    /// Wrong TOTP and recovery codes of an account, wherever they are given (sign-in, reset, re-authentication,
    /// turning the factor off): one factor, one counter, so no route is a cheaper way to guess it.
    /// </summary>
    public static string SecondFactor(long userId) => $"second_factor:{userId}";

    /// <summary>Wrong passwords given to re-authenticate a signed-in session.</summary>
    public static string Reauthentication(long userId) => $"reauth:{userId}";

    public static string Reset(Destination destination) => $"reset:{destination.Channel.ToWire()}:{destination.Value}";

    /// <summary>
    /// The counters a successful sign-in clears: the owner has just proved themselves, so locks (even one past the
    /// hard limit) that strangers' guesses put on their sign-in and on resets to their addresses are lifted.
    /// </summary>
    public static IReadOnlyCollection<string> ClearedBySignIn(long userId, IEnumerable<Contacts.Contact> contacts) =>
        [SignIn(userId), SecondFactor(userId), Reauthentication(userId), .. contacts.Where(c => c.Verified).Select(c => Reset(c.Destination))];

    /// <summary>Whether failures under this counter lock sooner (Verify API codes may be as short as 4 digits).</summary>
    public static bool IsVerifyApi(Challenge challenge) => challenge.Purpose == ChallengePurpose.VerifyApi;
}
