using System.Buffers;
using Verigate.Core.Audit;
using Verigate.Core.Challenges;
using Verigate.Core.Identifiers;
using Verigate.Core.Results;
using Verigate.Core.Storage;

namespace Verigate.Core.ActionLinks;

/// <summary>
/// Issues, shows and redeems single-use notice links. Unknown, expired and used tokens all get the same
/// <c>link_invalid</c> answer, so the page is no oracle. Showing a link reads only; redeeming it is one write
/// transaction: the conditional update that uses it, the handler's changes, and the audit event.
/// </summary>
public sealed class ActionLinkService(IStore store, ActionLinkHasher hasher, ICodeVault vault, IEnumerable<IActionLinkHandler> handlers, TimeProvider time)
{
    /// <summary>Tokens are <c>vgl_</c> and 43 base64url characters (256 bits); anything else is not looked up.</summary>
    public const string TokenPrefix = "vgl_";

    private const int TokenLength = 47;

    private static readonly SearchValues<char> Base64UrlAlphabet = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private readonly Dictionary<string, IActionLinkHandler> _handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);

    /// <summary>
    /// Creates a link inside the caller's transaction (so it exists exactly when the change and its notice do).
    /// Put its id on the notice's outbox message (<c>LinkId</c>); the dispatcher turns it into the URL.
    /// </summary>
    public async Task<ActionLink> IssueAsync(IStoreSession tx, long userId, string kind, string payload, CancellationToken ct)
    {
        var handler = Handler(kind);
        var token = SecureTokens.Create(TokenPrefix);
        var now = time.GetUtcNow();
        var link = new ActionLink(SecureTokens.Create("al_", 16), userId, kind, payload, hasher.Hash(token), vault.Protect(token), now, now + handler.ValidFor);
        await tx.ActionLinks.InsertAsync(link, ct);
        await tx.Audit.AppendAsync(new AuditEvent(now, AuditEventTypes.ActionLinkIssued, userId, Detail: kind), ct);
        return link;
    }

    /// <summary>What the button will do. Reads only: a scanner fetching the link changes nothing.</summary>
    public async Task<Result<ActionLinkPrompt>> PreviewAsync(string token, CancellationToken ct)
    {
        if (!LooksLikeToken(token))
        {
            return Invalid();
        }

        await using var read = await store.OpenReadAsync(ct);
        var link = await read.ActionLinks.FindByTokenHashAsync(hasher.Hash(token), ct);
        return link is not null && hasher.Matches(link, token) && link.IsOpenAt(time.GetUtcNow()) && _handlers.TryGetValue(link.Kind, out var handler)
            ? handler.Describe(link) with { Kind = link.Kind }
            : Invalid();
    }

    /// <summary>Uses the link (at most once, even for parallel presses) and does what it says.</summary>
    public async Task<Result<ActionLinkDone>> RedeemAsync(string token, string? clientIp, CancellationToken ct)
    {
        if (!LooksLikeToken(token))
        {
            return Invalid();
        }

        var hash = hasher.Hash(token);
        await using var tx = await store.BeginWriteAsync(ct);
        var now = time.GetUtcNow();
        var link = await tx.ActionLinks.FindByTokenHashAsync(hash, ct);
        if (link is null || !hasher.Matches(link, token) || !_handlers.TryGetValue(link.Kind, out var handler)
            || !await tx.ActionLinks.TryRedeemAsync(link.Id, now, ct))
        {
            return Invalid();
        }

        var done = await handler.ActAsync(tx, link, new ActionLinkContext(now, clientIp), ct);
        if (!done.IsSuccess)
        {
            return done;
        }

        await tx.Audit.AppendAsync(new AuditEvent(now, AuditEventTypes.ActionLinkUsed, link.UserId, ClientIp: clientIp, Detail: link.Kind), ct);
        await tx.CommitAsync(ct);
        return done.Value with { Kind = link.Kind };
    }

    private static bool LooksLikeToken(string? token) =>
        token is { Length: TokenLength } && token.StartsWith(TokenPrefix, StringComparison.Ordinal)
        && token.AsSpan(TokenPrefix.Length).IndexOfAnyExcept(Base64UrlAlphabet) < 0;

    private static Error Invalid() => new(ErrorCodes.LinkInvalid, "This link is not valid: it was already used, it expired, or it was never issued.");

    private IActionLinkHandler Handler(string kind) =>
        _handlers.TryGetValue(kind, out var handler) ? handler : throw new InvalidOperationException($"No action link handler is registered for '{kind}'.");
}
