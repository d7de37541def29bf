using Verigate.Core;

namespace Verigate.Server.Api;

/// <summary>The caller's IP (as the connection shows it) and user agent, for limits, audit and message context.</summary>
public static class ClientContextFactory
{
    private const int MaxUserAgentLength = 200;

    public static ClientContext From(HttpContext context)
    {
        var ip = context.Connection.RemoteIpAddress;
        if (ip is { IsIPv4MappedToIPv6: true })
        {
            ip = ip.MapToIPv4();
        }

        var userAgent = context.Request.Headers.UserAgent.ToString();
        if (userAgent.Length > MaxUserAgentLength)
        {
            userAgent = userAgent[..MaxUserAgentLength];
        }

        return new ClientContext(ip?.ToString(), userAgent.Length == 0 ? null : userAgent);
    }
}
