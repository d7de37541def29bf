using Verigate.Core.Challenges;
using Verigate.Core.Identifiers;
using Verigate.Core.Sessions;
using Verigate.Core.Storage;

namespace Verigate.Core.SignIn.Methods;

/// <summary>
/// The token of a device the account chose to trust: it stands for the second step until
/// <see cref="SessionPolicyOptions.RememberDeviceFor"/> has passed since it was remembered.
/// </summary>
public sealed class RememberedDeviceMethod(SessionPolicyOptions sessionPolicy, TimeProvider time) : ISignInMethod
{
    public string Name => "device";

    public SignInStep Step => SignInStep.SecondFactor;

    public ChallengePurpose? Opens => null;

    public bool Answers(ChallengePurpose purpose) => false;

    public Task<bool> IsAvailableAsync(IStoreSession session, long userId, CancellationToken ct) => Task.FromResult(true);

    public async Task<bool> ProveAsync(SignInAttempt attempt, SignInProof proof, IStoreSession? tx, CancellationToken ct)
    {
        if (tx is null || proof.DeviceToken is not { Length: > 0 } token
            || await tx.Devices.FindTrustedByTokenHashAsync(SecureTokens.Hash(token), ct) is not { } device
            || device.UserId != attempt.UserId
            || device.RememberedUntil(sessionPolicy.RememberDeviceFor, time.GetUtcNow()) is null) // forgotten after a while: a code again
        {
            return false;
        }

        attempt.RememberedDeviceId = device.DeviceId;
        return true;
    }
}
