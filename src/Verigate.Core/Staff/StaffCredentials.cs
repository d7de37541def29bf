namespace Verigate.Core.Staff;

/// <summary>
/// What a staff member signs in with: a password hash and a sealed TOTP secret, both set by the person through the
/// single-use setup link (whose token is kept only as a hash until it is used).
/// </summary>
public sealed record StaffCredentials(
    long StaffId,
    string? PasswordHash,
    string? ProtectedTotpSecret,
    long? TotpLastStep,
    byte[]? SetupTokenHash,
    DateTimeOffset? SetupExpiresAt);
