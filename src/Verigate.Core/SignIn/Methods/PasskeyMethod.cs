using Verigate.Core.TwoFactor;

namespace Verigate.Core.SignIn.Methods;

/// <summary>
/// A passkey as the second factor: offered (and makes the sign-in wait on a two-factor challenge) when the account
/// has one. Its answer is a WebAuthn assertion the pages verified (<see cref="Passkeys.PasskeyUse"/>); no API
/// field parses into it, so it cannot be typed into the challenge.
/// </summary>
public sealed class PasskeyMethod(SecondFactors secondFactors) : SecondFactorMethod(secondFactors, SecondFactorKind.Passkey)
{
    public override string Name => "passkey";

    protected override bool IsAvailable(TwoFactorStatus status) => status.Passkeys > 0;
}
