using Microsoft.AspNetCore.DataProtection;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.Challenges;

/// <summary>
/// Carries the pending challenge between the pages of a flow in an encrypted, HttpOnly cookie, so no challenge id,
/// code or token ever appears in a page's URL (where history, logs and referrers would keep it).
/// </summary>
public sealed class PendingChallengeCookie(IDataProtectionProvider protection, WebCookies cookies)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
    private readonly IDataProtector _protector = protection.CreateProtector("Verigate.Web.PendingChallenge");

    public void Write(HttpResponse response, PendingChallenge pending) => response.Cookies.Append(
        cookies.Pending,
        _protector.Protect(string.Join('|', pending.Flow, pending.Id, string.Join(',', pending.Methods))),
        cookies.Options(Lifetime));

    public PendingChallenge? Read(HttpRequest request, params string[] flows)
    {
        if (request.Cookies[cookies.Pending] is not { Length: > 0 and < 2048 } value)
        {
            return null;
        }

        string plain;
        try
        {
            plain = _protector.Unprotect(value);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }

        var parts = plain.Split('|');
        return parts.Length == 3 && flows.Contains(parts[0])
            ? new PendingChallenge(parts[0], parts[1], parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries))
            : null;
    }

    public void Clear(HttpResponse response) => cookies.Delete(response, cookies.Pending);
}
