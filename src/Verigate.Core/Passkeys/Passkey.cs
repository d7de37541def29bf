namespace Verigate.Core.Passkeys;

/// <summary>
/// A WebAuthn credential an account registered: the credential id and public key (nothing secret), the signature
/// counter and backup flags the authenticator last reported, and a name the person chose.
/// </summary>
public sealed record Passkey(
    byte[] CredentialId,
    long UserId,
    byte[] PublicKey,
    long SignCount,
    bool BackupEligible,
    bool BackedUp,
    Guid AaGuid,
    string Name,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt = null);
