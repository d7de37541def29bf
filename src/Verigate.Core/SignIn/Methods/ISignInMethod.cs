using Verigate.Core.Challenges;
using Verigate.Core.Storage;

namespace Verigate.Core.SignIn.Methods;

/// <summary>
/// One way of proving who you are during sign-in (like a Kratos strategy): the step it satisfies, whether an
/// account may use it, which sign-in challenges it answers, and the check itself. A new way of proving is one
/// more class registered in DI; <see cref="LoginFlow"/> only asks its methods.
/// </summary>
public interface ISignInMethod
{
    /// <summary>The wire name, as listed in a 202 answer's <c>methods</c>.</summary>
    string Name { get; }

    SignInStep Step { get; }

    /// <summary>The purpose of the challenge a sign-in opens to wait for this method; null for a method proved up front.</summary>
    ChallengePurpose? Opens { get; }

    /// <summary>Whether an answer by this method may complete a challenge of this purpose.</summary>
    bool Answers(ChallengePurpose purpose);

    /// <summary>Whether the account may use this method now.</summary>
    Task<bool> IsAvailableAsync(IStoreSession session, long userId, CancellationToken ct);

    /// <summary>
    /// True when <paramref name="proof"/> carries this method's material and it is right. Any use it consumes
    /// (a TOTP step, a recovery code) is recorded in <paramref name="tx"/>; the password is checked without one.
    /// </summary>
    Task<bool> ProveAsync(SignInAttempt attempt, SignInProof proof, IStoreSession? tx, CancellationToken ct);
}
