using Verigate.Core.TwoFactor;

namespace Verigate.Core.SignIn.Methods;

/// <summary>One of the account's unused recovery codes, each usable once ever.</summary>
public sealed class RecoveryCodeMethod(SecondFactors secondFactors) : SecondFactorMethod(secondFactors, SecondFactorKind.RecoveryCode)
{
    public override string Name => "recovery_code";

    protected override bool IsAvailable(TwoFactorStatus status) => status.RecoveryCodesRemaining > 0;
}
