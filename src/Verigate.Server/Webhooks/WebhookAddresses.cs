using System.Net;
using System.Net.Sockets;

namespace Verigate.Server.Webhooks;

/// <summary>
/// Which network addresses a webhook may reach. Endpoint URLs come from integrators, so without this a webhook is a
/// way to make the server POST into its own network (SSRF): loopback services, the cloud metadata endpoint, private
/// ranges. Checked at registration and again at every connection, after DNS resolution, because a name may
/// resolve elsewhere later (DNS rebinding).
/// </summary>
public static class WebhookAddresses
{
    private static readonly (IPAddress Network, int Bits)[] ForbiddenV4 =
    [
        (IPAddress.Parse("0.0.0.0"), 8),        // "this network"
        (IPAddress.Parse("10.0.0.0"), 8),       // private
        (IPAddress.Parse("100.64.0.0"), 10),    // carrier-grade NAT
        (IPAddress.Parse("127.0.0.0"), 8),      // loopback
        (IPAddress.Parse("169.254.0.0"), 16),   // link-local, incl. the cloud metadata endpoint 169.254.169.254
        (IPAddress.Parse("172.16.0.0"), 12),    // private
        (IPAddress.Parse("192.0.0.0"), 24),     // IETF protocol assignments (incl. some metadata services)
        (IPAddress.Parse("192.168.0.0"), 16),   // private
        (IPAddress.Parse("198.18.0.0"), 15),    // benchmarking
        (IPAddress.Parse("224.0.0.0"), 4),      // multicast
        (IPAddress.Parse("240.0.0.0"), 4),      // reserved, and broadcast
    ];

    private static readonly (IPAddress Network, int Bits)[] ForbiddenV6 =
    [
        (IPAddress.IPv6Any, 128),               // unspecified
        (IPAddress.IPv6Loopback, 128),
        (IPAddress.Parse("fc00::"), 7),         // unique local (incl. AWS's fd00:ec2::254 metadata)
        (IPAddress.Parse("fe80::"), 10),        // link-local
        (IPAddress.Parse("fec0::"), 10),        // site-local (deprecated, still routed in places)
        (IPAddress.Parse("ff00::"), 8),         // multicast
    ];

    private static readonly IPAddress Nat64 = IPAddress.Parse("64:ff9b::");

    /// <summary>True when <paramref name="address"/> is loopback, private, link-local, multicast, metadata or otherwise not the public internet.</summary>
    public static bool IsForbidden(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return IsForbidden(address.MapToIPv4());
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            // An IPv4 address embedded by NAT64 reaches that IPv4 address.
            if (InNetwork(address, Nat64, 96))
            {
                return IsForbidden(new IPAddress(address.GetAddressBytes()[12..]));
            }

            return ForbiddenV6.Any(n => InNetwork(address, n.Network, n.Bits));
        }

        return ForbiddenV4.Any(n => InNetwork(address, n.Network, n.Bits));
    }

    /// <summary>
    /// The connection the webhook client makes: resolves the host, drops forbidden addresses (unless allowed), and
    /// connects to the first address left, so the address checked is the address used.
    /// </summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowPrivate, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = allowPrivate ? addresses : [.. addresses.Where(a => !IsForbidden(a))];
        if (allowed.Length == 0)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError,
                addresses.Length == 0 ? "The endpoint's host name did not resolve." : ForbiddenMessage);
        }

        SocketException? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw new HttpRequestException(HttpRequestError.ConnectionError, "The endpoint could not be reached.", last);
    }

    public const string ForbiddenMessage = "The endpoint's address is loopback, private, link-local, multicast or a metadata address; webhooks may reach only public addresses.";

    private static bool InNetwork(IPAddress address, IPAddress network, int bits)
    {
        if (address.AddressFamily != network.AddressFamily)
        {
            return false;
        }

        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        for (var i = 0; i < a.Length && bits > 0; i++, bits -= 8)
        {
            var mask = bits >= 8 ? 0xFF : (byte)(0xFF << (8 - bits));
            if ((a[i] & mask) != (n[i] & mask))
            {
                return false;
            }
        }

        return true;
    }
}
