using Verigate.Core.Challenges;
using Verigate.Core.Storage;
using Verigate.Core.TwoFactor;

namespace Verigate.Core.SignIn.Methods;

/// <summary>
/// A passkey as the second factor: offered (and makes the sign-in wait on a two-factor challenge) when the account
/// has one. The proof is a WebAuthn assertion, checked by <see cref="Passkeys.PasskeySignIn"/> on the pages, never a
/// typed answer, so this method accepts no answer sent to the challenge.
/// </summary>
public sealed class PasskeyMethod(SecondFactors secondFactors) : ISignInMethod
{
    public string Name => "passkey";

    public SignInStep Step => SignInStep.SecondFactor;

    public ChallengePurpose? Opens => ChallengePurpose.SecondFactorLogin;

    public bool Answers(ChallengePurpose purpose) => purpose == ChallengePurpose.SecondFactorLogin;

    public async Task<bool> IsAvailableAsync(IStoreSession session, long userId, CancellationToken ct) =>
        (await secondFactors.StatusAsync(session, userId, ct)).Passkeys > 0;

    public Task<bool> ProveAsync(SignInAttempt attempt, SignInProof proof, IStoreSession? tx, CancellationToken ct) => Task.FromResult(false);
}
