namespace Verigate.Core.TwoFactor;

/// <summary>Authenticator-app secrets (one per account), like Identity's IUserAuthenticatorKeyStore.</summary>
public interface IAuthenticatorKeyStore
{
    Task<AuthenticatorKey?> GetAsync(long userId, CancellationToken ct);

    /// <summary>Starts (or restarts) a pending enrolment; false when the account already has an active key.</summary>
    Task<bool> TrySetPendingAsync(long userId, string protectedSecret, DateTimeOffset at, CancellationToken ct);

    /// <summary>
    /// Compare-and-set of the last used step: true only for the one request that moves it forward to
    /// <paramref name="step"/>, so two parallel requests with the same code give one success. Confirms a pending key.
    /// </summary>
    Task<bool> TryUseStepAsync(long userId, long step, DateTimeOffset at, CancellationToken ct);

    Task<bool> DeleteAsync(long userId, CancellationToken ct);
}
