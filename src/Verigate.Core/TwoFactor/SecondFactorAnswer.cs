namespace Verigate.Core.TwoFactor;

/// <summary>A second-factor answer: six digits from the authenticator app, or one recovery code.</summary>
public sealed record SecondFactorAnswer(SecondFactorKind Kind, string Value)
{
    /// <summary>The request field it came from, for error answers.</summary>
    public string Field => Kind switch { SecondFactorKind.Totp => "totp", SecondFactorKind.Passkey => "passkey", _ => "recoveryCode" };

    public static SecondFactorAnswer? From(string? totp, string? recoveryCode) =>
        totp is not null ? new(SecondFactorKind.Totp, totp)
        : recoveryCode is not null ? new(SecondFactorKind.RecoveryCode, recoveryCode)
        : null;
}

public enum SecondFactorKind
{
    Totp,
    RecoveryCode,

    /// <summary>A passkey assertion the edge verified (<see cref="Passkeys.PasskeyUse"/>); no request field parses into it.</summary>
    Passkey,
}
