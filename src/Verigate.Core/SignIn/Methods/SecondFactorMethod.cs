using Verigate.Core.Challenges;
using Verigate.Core.Storage;
using Verigate.Core.TwoFactor;

namespace Verigate.Core.SignIn.Methods;

/// <summary>
/// What the TOTP and recovery-code methods share: they answer the two-factor challenge, and proving goes through
/// <see cref="SecondFactors"/> so sign-in, reset and re-authentication follow the same rules.
/// </summary>
public abstract class SecondFactorMethod(SecondFactors secondFactors, SecondFactorKind kind) : ISignInMethod
{
    public abstract string Name { get; }

    public SignInStep Step => SignInStep.SecondFactor;

    public ChallengePurpose? Opens => ChallengePurpose.SecondFactorLogin;

    public bool Answers(ChallengePurpose purpose) => purpose == ChallengePurpose.SecondFactorLogin;

    public async Task<bool> IsAvailableAsync(IStoreSession session, long userId, CancellationToken ct) =>
        IsAvailable(await secondFactors.StatusAsync(session, userId, ct));

    public async Task<bool> ProveAsync(SignInAttempt attempt, SignInProof proof, IStoreSession? tx, CancellationToken ct) =>
        tx is not null
        && attempt.Challenge is { } challenge
        && proof.Answer?.SecondFactor is { } answer
        && answer.Kind == kind
        && await secondFactors.ProveAsync(tx, attempt.UserId, answer, challenge.Locale, attempt.Client.Ip, ct);

    protected abstract bool IsAvailable(TwoFactorStatus status);
}
