namespace Verigate.Core.Staff;

/// <summary>Staff members, their credentials and their console sessions.</summary>
public interface IStaffStore
{
    /// <summary>False when the name is taken.</summary>
    Task<bool> TryInsertAsync(StaffMember staff, CancellationToken ct);

    Task<StaffMember?> GetAsync(long id, CancellationToken ct);

    Task<StaffMember?> FindByNameAsync(string name, CancellationToken ct);

    Task<IReadOnlyList<StaffMember>> ListAsync(CancellationToken ct);

    /// <summary>Disables an enabled staff member; false when there is none by that id or it is disabled already.</summary>
    Task<bool> DisableAsync(long id, DateTimeOffset at, CancellationToken ct);

    /// <summary>Replaces the setup link (and with it any half-finished setup) of a staff member.</summary>
    Task SetSetupTokenAsync(long staffId, byte[] tokenHash, DateTimeOffset expiresAt, CancellationToken ct);

    Task<StaffCredentials?> GetCredentialsAsync(long staffId, CancellationToken ct);

    Task<StaffCredentials?> FindBySetupTokenAsync(byte[] tokenHash, CancellationToken ct);

    /// <summary>Keeps the authenticator secret a setup in progress shows, so a reload shows the same one.</summary>
    Task SetPendingTotpAsync(long staffId, string protectedSecret, CancellationToken ct);

    /// <summary>
    /// Finishes setup if the link <paramref name="tokenHash"/> is still open at <paramref name="at"/>: stores the
    /// password, takes the confirming TOTP step and ends the link, in one conditional update (true for one caller).
    /// </summary>
    Task<bool> TryCompleteSetupAsync(long staffId, byte[] tokenHash, string passwordHash, long totpStep, DateTimeOffset at, CancellationToken ct);

    /// <summary>Compare-and-set of the last used TOTP step: true only for the one request that moves it forward.</summary>
    Task<bool> TryUseTotpStepAsync(long staffId, long step, CancellationToken ct);

    Task InsertSessionAsync(StaffSession session, CancellationToken ct);

    Task<StaffSession?> FindSessionAsync(byte[] tokenHash, CancellationToken ct);

    Task TouchSessionAsync(string id, DateTimeOffset at, CancellationToken ct);

    Task<bool> EndSessionAsync(string id, DateTimeOffset at, CancellationToken ct);

    /// <summary>Ends every open session of the staff member; returns how many.</summary>
    Task<int> EndSessionsAsync(long staffId, DateTimeOffset at, CancellationToken ct);
}
