namespace Verigate.Core.Challenges;

/// <summary>
/// Which challenges a caller may act on. Anything outside the scope is answered exactly like an unknown id,
/// so one API key cannot probe another's verifications and an account endpoint cannot touch a Verify API one.
/// </summary>
public sealed record ChallengeScope(SubjectKind? Kind, string? SubjectId, IReadOnlyCollection<ChallengePurpose>? Purposes)
{
    public static ChallengeScope ApiKey(string keyId) => new(SubjectKind.ApiKey, keyId, [ChallengePurpose.VerifyApi]);

    public static ChallengeScope Account(params ChallengePurpose[] purposes) => new(SubjectKind.Account, null, purposes);

    /// <summary>Any challenge: for "I didn't request this", whose link is in every message.</summary>
    public static readonly ChallengeScope Any = new(null, null, null);

    public bool Admits(Challenge challenge) =>
        (Kind is null || challenge.Subject.Kind == Kind)
        && (SubjectId is null || challenge.Subject.Id == SubjectId)
        && (Purposes is null || Purposes.Contains(challenge.Purpose));
}
