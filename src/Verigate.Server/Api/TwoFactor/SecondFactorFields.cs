using Verigate.Core.Results;
using Verigate.Core.TwoFactor;

namespace Verigate.Server.Api.TwoFactor;

/// <summary>Reads the optional "totp" / "recoveryCode" pair of a request: at most one, each in its exact shape.</summary>
public static class SecondFactorFields
{
    public static Result<SecondFactorAnswer?> Read(string? totp, string? recoveryCode)
    {
        if (totp is not null && recoveryCode is not null)
        {
            return Error.InvalidRequest("totp", "Send either 'totp' or 'recoveryCode', not both.");
        }

        if (totp is not null && !Totp.IsWellFormed(totp))
        {
            return Error.InvalidRequest("totp", $"'totp' must be exactly {Totp.Digits} digits 0-9.");
        }

        if (recoveryCode is not null && !RecoveryCodes.IsWellFormed(recoveryCode))
        {
            return Error.InvalidRequest("recoveryCode", "'recoveryCode' must be a recovery code like 7KQ2M-XC41T.");
        }

        return Result<SecondFactorAnswer?>.Success(SecondFactorAnswer.From(totp, recoveryCode));
    }
}
