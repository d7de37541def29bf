using Verigate.Core.RateLimiting;
using Verigate.Core.Results;
using Verigate.Core.Storage;

namespace Verigate.Core.Challenges;

public sealed partial class ChallengeEngine
{
    /// <summary>
    /// The pending challenge a repeated request of the same kind answers with (same <see cref="ReuseKeys"/> key,
    /// unexpired, attempts left), or null. Reusing it keeps its attempt counter: asking again buys no new guesses.
    /// </summary>
    public Task<Challenge?> FindReusableAsync(IStoreSession tx, string reuseKey, CancellationToken ct) =>
        tx.Challenges.FindReusableAsync(reuseKey, time.GetUtcNow(), ct);

    /// <summary>
    /// Sends a reused challenge's code again under the resend rules. Within the resend wait nothing is sent and the
    /// pending challenge is the answer as it is (its <c>NextSendAt</c> says when asking again sends); nothing has
    /// been written then, so the caller may commit either way. Any other refusal (sends used up, a send limit) comes
    /// back as the error, and then the caller must not commit.
    /// </summary>
    public async Task<Result<Challenge>> ResendReusedAsync(IStoreSession tx, Challenge pending, SendOrigin origin, CancellationToken ct)
    {
        var scope = new ChallengeScope(pending.Subject.Kind, pending.Subject.Id, [pending.Purpose]);
        var resent = await ResendAsync(tx, pending.Id, scope, null, origin, ct);
        if (resent.IsSuccess)
        {
            return resent;
        }

        return resent.Error.Code switch
        {
            ErrorCodes.ResendTooSoon => pending,
            // "Start again" (the resend's own advice) is what the caller just did: say when that will work.
            ErrorCodes.TooManySends => new Error(ErrorCodes.TooManySends,
                "The code has been sent as often as allowed. Use the code already sent, or ask again once it expires.",
                RetryAfter: pending.ExpiresAt - time.GetUtcNow()),
            _ => resent,
        };
    }
}
