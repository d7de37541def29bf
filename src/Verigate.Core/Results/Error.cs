namespace Verigate.Core.Results;

/// <summary>An expected failure: a stable snake_case code and what the caller needs to act on it.</summary>
/// <param name="Code">Stable machine-readable code (see <see cref="ErrorCodes"/>).</param>
/// <param name="Message">A sentence for people; never contains a code, secret or full destination.</param>
/// <param name="Field">The request field at fault, for input errors.</param>
/// <param name="RetryAfter">For limits: how long until trying again can succeed.</param>
/// <param name="AttemptsRemaining">For wrong codes: checks left on the challenge.</param>
/// <param name="Limit">For limits: which one refused (such as <c>sends_per_destination</c>).</param>
/// <param name="Cause">Why, for the audit and the delivery timeline only (such as the SMS guard's reason); never sent to callers.</param>
public sealed record Error(
    string Code,
    string Message,
    string? Field = null,
    TimeSpan? RetryAfter = null,
    int? AttemptsRemaining = null,
    string? Limit = null,
    string? Cause = null)
{
    public static Error InvalidRequest(string field, string message) => new(ErrorCodes.InvalidRequest, message, field);

    public static Error NotFound() =>
        new(ErrorCodes.VerificationNotFound, "No pending verification with this id.");

    public static Error RateLimited(TimeSpan retryAfter) =>
        new(ErrorCodes.RateLimited, "Too many requests; try again later.", RetryAfter: retryAfter);
}
