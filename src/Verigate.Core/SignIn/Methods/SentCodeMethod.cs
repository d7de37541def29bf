using Verigate.Core.Challenges;
using Verigate.Core.Storage;
using Verigate.Core.TwoFactor;

namespace Verigate.Core.SignIn.Methods;

/// <summary>
/// A code sent to the account's primary contact. It completes sign-up too. Only for accounts without a second
/// factor: offering it there would let whoever holds the phone skip the stronger factor.
/// </summary>
public sealed class SentCodeMethod(ChallengeEngine engine, SecondFactors secondFactors) : ISignInMethod
{
    public string Name => "code";

    public SignInStep Step => SignInStep.SecondFactor;

    public ChallengePurpose? Opens => ChallengePurpose.NewDeviceLogin;

    public bool Answers(ChallengePurpose purpose) => purpose is ChallengePurpose.NewDeviceLogin or ChallengePurpose.SignUp;

    public async Task<bool> IsAvailableAsync(IStoreSession session, long userId, CancellationToken ct) =>
        !(await secondFactors.StatusAsync(session, userId, ct)).Any;

    public Task<bool> ProveAsync(SignInAttempt attempt, SignInProof proof, IStoreSession? tx, CancellationToken ct) =>
        Task.FromResult(attempt.Challenge is { } challenge && proof.Answer?.Code is { } code && engine.CodeMatches(challenge, code));
}
