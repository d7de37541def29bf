using Verigate.Core.Accounts;
using Verigate.Core.Challenges;
using Verigate.Core.Storage;

namespace Verigate.Core.SignIn.Methods;

/// <summary>The password; for an unknown login it is checked against a decoy hash so both take the same time.</summary>
public sealed class PasswordMethod(PasswordHasher passwords) : ISignInMethod
{
    public string Name => "password";

    public SignInStep Step => SignInStep.FirstFactor;

    public ChallengePurpose? Opens => null;

    public bool Answers(ChallengePurpose purpose) => false;

    public Task<bool> IsAvailableAsync(IStoreSession session, long userId, CancellationToken ct) => Task.FromResult(true);

    public Task<bool> ProveAsync(SignInAttempt attempt, SignInProof proof, IStoreSession? tx, CancellationToken ct)
    {
        var password = proof.Password ?? "";
        return Task.FromResult(attempt.Account is { } account ? passwords.Verify(password, account.PasswordHash) : passwords.VerifyDecoy(password));
    }
}
