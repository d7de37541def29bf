namespace Verigate.Client;

/// <summary>An RFC 9457 problem Verigate answered with; switch on <see cref="Code"/>, which is stable.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Code">The stable machine-readable code, such as <c>code_incorrect</c> or <c>rate_limited</c>.</param>
/// <param name="Title">A short title.</param>
/// <param name="Detail">A sentence for people.</param>
/// <param name="Field">For bad input: the request field at fault.</param>
/// <param name="RetryAfter">For limits: how long to wait before trying again.</param>
/// <param name="AttemptsRemaining">For a wrong code: checks left.</param>
public sealed record VerigateProblem(int Status, string Code, string? Title, string? Detail, string? Field, TimeSpan? RetryAfter, int? AttemptsRemaining)
{
    /// <summary>Codes of the Verify API (see docs/api.md).</summary>
    public static class Codes
    {
        /// <summary>Bad input; <see cref="Field"/> names the field.</summary>
        public const string InvalidRequest = "invalid_request";

        /// <summary>The phone number or address cannot receive codes.</summary>
        public const string InvalidDestination = "invalid_destination";

        /// <summary>The wrong code; <see cref="AttemptsRemaining"/> says how many tries are left.</summary>
        public const string CodeIncorrect = "code_incorrect";

        /// <summary>Out of attempts: refused even with the right code.</summary>
        public const string TooManyAttempts = "too_many_attempts";

        /// <summary>Unknown, expired, approved or canceled (deliberately indistinguishable).</summary>
        public const string VerificationNotFound = "verification_not_found";

        /// <summary>A send limit; wait <see cref="RetryAfter"/>.</summary>
        public const string RateLimited = "rate_limited";

        /// <summary>The API key is missing, unknown or revoked.</summary>
        public const string Unauthorized = "unauthorized";

        /// <summary>Not a problem document at all (a proxy's page, a network failure); see <see cref="Detail"/>.</summary>
        public const string Transport = "transport_error";
    }
}
