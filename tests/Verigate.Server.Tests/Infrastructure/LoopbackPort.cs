using System.Net;
using System.Net.Sockets;

namespace Verigate.Server.Tests.Infrastructure;

/// <summary>Free TCP ports on 127.0.0.1 for the servers and fakes the tests start.</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
