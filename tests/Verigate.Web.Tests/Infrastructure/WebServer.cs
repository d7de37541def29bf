using System.Globalization;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Web.Tests.Infrastructure;

/// <summary>
/// The real server on a loopback port whose public URL is http://localhost:port, the origin the browser uses (a
/// secure context, and a valid WebAuthn relying-party id, which 127.0.0.1 is not).
/// </summary>
public static class WebServer
{
    public static VerigateTestServer Start(IReadOnlyDictionary<string, string?>? more = null, int port = 0)
    {
        port = port == 0 ? LoopbackPort.Free() : port;
        var settings = new Dictionary<string, string?>
        {
            ["Verigate:PublicBaseUrl"] = $"http://localhost:{port.ToString(CultureInfo.InvariantCulture)}",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new VerigateTestServer(VerigateTestServer.Relaxed(settings), port: port);
    }

    public static string BaseUrl(this VerigateTestServer server)
    {
        using var client = server.Anonymous();
        return $"http://localhost:{client.BaseAddress!.Port.ToString(CultureInfo.InvariantCulture)}";
    }
}
