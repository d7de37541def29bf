using Verigate.Core.Destinations;

namespace Verigate.Core.Challenges;

/// <summary>Challenges. The Try* methods are conditional updates: they change a row only if it is still as expected.</summary>
public interface IChallengeStore
{
    Task InsertAsync(Challenge challenge, CancellationToken ct);
    Task<Challenge?> GetAsync(string id, CancellationToken ct);

    /// <summary>The challenges of <paramref name="ids"/> that exist, in one read (the dispatcher's batch); unknown ids are left out.</summary>
    Task<IReadOnlyList<Challenge>> GetManyAsync(IReadOnlyList<string> ids, CancellationToken ct);

    /// <summary>
    /// The newest challenge of <paramref name="subject"/> under a Verify service for <paramref name="destination"/> that
    /// is unexpired at <paramref name="now"/> and pending (or, with <paramref name="orExhausted"/>, out of attempts):
    /// Twilio's "starting again resends" and "check by To", which must still answer "max check attempts" to an exhausted one.
    /// </summary>
    Task<Challenge?> FindLatestAsync(
        ChallengeSubject subject, string serviceSid, Destination destination, DateTimeOffset now, bool orExhausted, CancellationToken ct);

    /// <summary>
    /// The newest challenge issued under <paramref name="reuseKey"/> that is still pending, unexpired at
    /// <paramref name="now"/> and has attempts left: what a repeated request of the same kind answers with.
    /// </summary>
    Task<Challenge?> FindReusableAsync(string reuseKey, DateTimeOffset now, CancellationToken ct);

    /// <summary>
    /// Uses one attempt if the challenge is pending, unexpired and has attempts left, and code entry for
    /// <paramref name="failureKey"/> is not locked — atomically, before the code is compared, so parallel guesses
    /// cannot exceed the limit and none slips past a lock. One statement: it also says whether the failure counter had
    /// counted anything. Null when no attempt was used (the caller reads why).
    /// </summary>
    Task<UsedAttempt?> TryUseAttemptAsync(string id, string failureKey, DateTimeOffset now, CancellationToken ct);

    /// <summary>
    /// <see cref="TryUseAttemptAsync"/> of a challenge not read yet, in one statement: uses an attempt of challenge
    /// <paramref name="id"/> if <paramref name="scope"/> admits it and it is pending, unexpired, has attempts left and
    /// code entry for its failure counter (<see cref="FailureScopes.For"/>, kept on the row since it was issued) is not
    /// locked; returns it as it is after the attempt. Null when no attempt was used, whatever the reason (the caller
    /// reads why), and for challenges issued before the store kept their failure counter.
    /// </summary>
    Task<(Challenge Challenge, UsedAttempt Used)?> TryUseAttemptFirstAsync(string id, ChallengeScope scope, DateTimeOffset now, CancellationToken ct);

    /// <summary>Moves a pending challenge to a final status and erases its protected code. False if it was not pending.</summary>
    Task<bool> TryEndAsync(string id, ChallengeStatus status, DateTimeOffset at, CancellationToken ct);

    /// <summary>
    /// <see cref="TryEndAsync"/> of a challenge whose attempt this transaction has just used (<see cref="TryUseAttemptAsync"/>
    /// returned a count): that update locked the row while it was pending, so nothing can have ended it since and
    /// there is no outcome to read — the store may send it with the transaction's other writes.
    /// </summary>
    Task EndAfterAttemptAsync(string id, ChallengeStatus status, DateTimeOffset at, CancellationToken ct);

    /// <summary>
    /// Ends up to <paramref name="batchSize"/> pending challenges whose expiry has passed (codes erased) and returns
    /// them as they are now. Each is returned by exactly one call (the update is conditional on <c>pending</c>), so
    /// whoever expires a challenge — this sweep or a check that finds it expired — reports it once.
    /// </summary>
    Task<IReadOnlyList<Challenge>> ExpireDueAsync(DateTimeOffset now, int batchSize, CancellationToken ct);

    /// <summary>
    /// Ends every pending challenge of an account (their codes erased) except <paramref name="exceptId"/>; returns
    /// how many. Used when the account's password changes, so nothing started under the old one can finish.
    /// </summary>
    Task<int> EndPendingOfAccountAsync(long userId, string? exceptId, ChallengeStatus status, DateTimeOffset at, CancellationToken ct);

    /// <summary>Counts a send if nobody counted one since <paramref name="sendsUsed"/> was read.</summary>
    Task<bool> TryRecordSendAsync(string id, int sendsUsed, DateTimeOffset nextSendAt, CancellationToken ct);
}
