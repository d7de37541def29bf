namespace Verigate.Core.ActionLinks;

/// <summary>
/// A single-use link in a notice ("undo this change", "secure my account"): bound to an account, a kind and a
/// small payload, expiring. Its secret token is stored only as a keyed hash; the sealed copy exists so the
/// notice can be (re)delivered and is erased by the update that redeems the link.
/// </summary>
public sealed record ActionLink(
    string Id,
    long UserId,
    string Kind,
    string Payload,
    byte[] TokenHash,
    string? SealedToken,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? UsedAt = null)
{
    /// <summary>Where the pages behind links live, under the public base URL: <c>links/{token}</c>.</summary>
    public const string PagePath = "links";

    public bool IsOpenAt(DateTimeOffset now) => UsedAt is null && ExpiresAt > now;

    /// <summary>The token, for the notice being delivered; null once the link is used or expired (or the key changed).</summary>
    public string? OpenToken(Challenges.ICodeVault vault, DateTimeOffset now) =>
        IsOpenAt(now) && SealedToken is { } sealedToken ? vault.Unprotect(sealedToken) : null;
}
