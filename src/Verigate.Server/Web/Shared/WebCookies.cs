using Microsoft.Extensions.Options;
using Verigate.Core;

namespace Verigate.Server.Web.Shared;

/// <summary>
/// Names and flags of the pages' cookies. Over HTTPS (decided by <c>Verigate:PublicBaseUrl</c>, not by the request,
/// since a proxy may terminate TLS) every cookie is Secure and carries the <c>__Host-</c> prefix, so no subdomain and
/// no plain-HTTP page can set or shadow it; all are HttpOnly and SameSite=Lax.
/// </summary>
public sealed class WebCookies(IOptions<VerigateOptions> options)
{
    public bool Secure { get; } = options.Value.PublicBase.Scheme == Uri.UriSchemeHttps;

    public string Session => Name("vg_session");

    public string Device => Name("vg_device");

    public string Pending => Name("vg_pending");

    public string Name(string name) => Secure ? "__Host-" + name : name;

    public CookieOptions Options(TimeSpan? maxAge = null) => new()
    {
        HttpOnly = true,
        Secure = Secure,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        IsEssential = true,
        MaxAge = maxAge,
    };

    public void Delete(HttpResponse response, string name) => response.Cookies.Delete(name, Options());
}
