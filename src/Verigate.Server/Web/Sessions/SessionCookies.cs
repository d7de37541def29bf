using Verigate.Core.Sessions;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.Sessions;

/// <summary>Turns a session the Core issued into the pages' cookies, and ends them on sign-out.</summary>
public sealed class SessionCookies(WebCookies cookies, SessionPolicyOptions policy)
{
    public void SignIn(HttpResponse response, IssuedSession session)
    {
        response.Cookies.Append(cookies.Session, session.SessionToken, cookies.Options(policy.Lifetime));
        if (session.DeviceToken is { } deviceToken)
        {
            // "Remember this device": the device's secret, sent back on the next sign-in so no code is asked for.
            response.Cookies.Append(cookies.Device, deviceToken, cookies.Options(policy.RememberDeviceFor));
        }
    }

    public string? DeviceToken(HttpRequest request) => request.Cookies[cookies.Device] is { Length: > 0 and <= 256 } token ? token : null;

    public void SignOut(HttpResponse response) => cookies.Delete(response, cookies.Session);
}
