using Verigate.Core.TwoFactor;

namespace Verigate.Core.SignIn.Methods;

/// <summary>Six digits from the authenticator app (RFC 6238), each step once per account.</summary>
public sealed class TotpMethod(SecondFactors secondFactors) : SecondFactorMethod(secondFactors, SecondFactorKind.Totp)
{
    public override string Name => "totp";

    protected override bool IsAvailable(TwoFactorStatus status) => status.Totp;
}
