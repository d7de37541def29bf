namespace Verigate.Core.TwoFactor;

/// <summary>
/// An account's authenticator-app secret, encrypted; pending until the first right code confirms it. The last
/// used step makes every step usable once per account.
/// </summary>
public sealed record AuthenticatorKey(long UserId, string ProtectedSecret, DateTimeOffset CreatedAt, DateTimeOffset? ConfirmedAt, long? LastUsedStep)
{
    public bool IsActive => ConfirmedAt is not null;
}
