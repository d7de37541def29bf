using Microsoft.Extensions.Options;
using Verigate.Core.Staff;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.Console;

/// <summary>The console session's cookie: its own name, HttpOnly, SameSite=Lax, <c>__Host-</c> over HTTPS, never older than the absolute timeout.</summary>
public sealed class ConsoleCookies(WebCookies cookies, IOptions<ConsoleOptions> options)
{
    public string Name => cookies.Name(ConsoleSession.CookieName);

    public string? Token(HttpRequest request) => request.Cookies[Name] is { Length: > 0 and <= StaffSessions.MaxTokenLength } token ? token : null;

    public void SignIn(HttpResponse response, IssuedStaffSession session) =>
        response.Cookies.Append(Name, session.Token, cookies.Options(options.Value.AbsoluteTimeout));

    public void SignOut(HttpResponse response) => cookies.Delete(response, Name);
}
