namespace Verigate.Core.TwoFactor;

/// <summary>What an account has as second factors (GET /v1/me).</summary>
public sealed record TwoFactorStatus(bool Totp, int Passkeys, int RecoveryCodesRemaining)
{
    public bool Any => Totp || Passkeys > 0;

    /// <summary>The wire names of the methods that may complete a two_factor sign-in.</summary>
    public IReadOnlyList<string> Methods =>
        [.. Totp ? ["totp"] : Array.Empty<string>(), .. RecoveryCodesRemaining > 0 ? ["recovery_code"] : Array.Empty<string>(),
            .. Passkeys > 0 ? ["passkey"] : Array.Empty<string>()];
}
