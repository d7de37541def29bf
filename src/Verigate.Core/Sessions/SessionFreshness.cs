using Verigate.Core.Results;

namespace Verigate.Core.Sessions;

/// <summary>
/// The rule every sensitive change follows: the session's owner proved themselves (sign-in or re-authentication)
/// within the last <see cref="SessionPolicyOptions.FreshFor"/>, so a stolen, older session token cannot change
/// how the account is protected.
/// </summary>
public sealed class SessionFreshness(SessionPolicyOptions options, TimeProvider time)
{
    public DateTimeOffset FreshUntil(DateTimeOffset lastAuthenticatedAt) => lastAuthenticatedAt + options.FreshFor;

    /// <summary>Null when fresh; otherwise the 403 reauthentication_required error.</summary>
    public Error? Require(DateTimeOffset lastAuthenticatedAt) =>
        time.GetUtcNow() < FreshUntil(lastAuthenticatedAt)
            ? null
            : new Error(ErrorCodes.ReauthenticationRequired, "Confirm it is you (POST /v1/me/reauthenticate) before this change.");
}
