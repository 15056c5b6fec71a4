using System.Net;
using System.Net.Sockets;

namespace Cchc.Notifications.Webhooks;

/// <summary>
/// Where a webhook may connect. Unless <c>Webhooks:AllowPrivateNetworks</c> is set (tests and a
/// developer's machine, whose receivers listen on loopback), only public unicast addresses are reached:
/// never loopback, link-local (169.254.169.254, the cloud metadata service), private or shared ranges,
/// unspecified, multicast or reserved ones. The check runs on the address actually connected to, so a
/// name that resolves differently at delivery time (DNS rebinding) cannot reach an internal host.
/// </summary>
public static class WebhookNetwork
{
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0                                   // 0.0.0.0/8 "this network"
                || b[0] == 10                                    // 10.0.0.0/8
                || b[0] == 100 && (b[1] & 0xC0) == 64            // 100.64.0.0/10 shared (CGNAT)
                || b[0] == 127                                   // loopback
                || b[0] == 169 && b[1] == 254                    // link-local, cloud metadata
                || b[0] == 172 && (b[1] & 0xF0) == 16            // 172.16.0.0/12
                || b[0] == 192 && b[1] == 0 && b[2] == 0         // 192.0.0.0/24 protocol assignments
                || b[0] == 192 && b[1] == 168                    // 192.168.0.0/16
                || b[0] == 198 && (b[1] & 0xFE) == 18            // 198.18.0.0/15 benchmarking
                || b[0] >= 224);                                 // multicast, reserved, broadcast
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6Loopback)
                || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (b[0] & 0xFE) == 0xFC                         // fc00::/7 unique local
                || b[0] == 0 && b[1] == 0 && b.Skip(2).Take(8).All(x => x == 0)); // ::/80 (IPv4-compatible and the like)
        }
        return false;
    }

    /// <summary>The addresses a host name (or literal) stands for.</summary>
    public static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);

    /// <summary>
    /// The connect step of the webhook client: resolves the host, keeps only the addresses allowed, and
    /// connects to one of those, so the address checked is the address used.
    /// </summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> Connect(Func<bool> allowPrivateNetworks) =>
        async (context, cancellationToken) =>
        {
            var endpoint = context.DnsEndPoint;
            var addresses = await ResolveAsync(endpoint.Host, cancellationToken);
            var allowed = allowPrivateNetworks() ? addresses : addresses.Where(IsPublic).ToArray();
            if (allowed.Length == 0)
            {
                throw new HttpRequestException(HttpRequestError.ConnectionError,
                    $"Refused to connect to {endpoint.Host}: it resolves to no public address (loopback, link-local, private and reserved ranges are not reached).");
            }
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, endpoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
}
