using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace Cchc.ServiceDefaults.Security;

/// <summary>
/// Which network an anonymous caller comes from, for limits that one person should not escape by
/// changing address: an IPv6 host commonly holds a whole /64, so a limit per full IPv6 address is a
/// limit per nothing.
/// </summary>
public static class ClientNetwork
{
    /// <summary>The network of <paramref name="address"/>, e.g. <c>203.0.113.0/24</c> or <c>2001:db8:1:2::/64</c>.</summary>
    public static string Of(IPAddress address, int ipv4PrefixBits = 24, int ipv6PrefixBits = 64)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        var bits = address.AddressFamily == AddressFamily.InterNetwork ? ipv4PrefixBits : ipv6PrefixBits;
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(bits - i * 8, 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }
        return $"{new IPAddress(bytes)}/{bits}";
    }

    /// <summary>
    /// The caller's address: the connection's peer, or — when the peer is the gateway (loopback, or no
    /// network at all in-process) — the last <c>X-Forwarded-For</c> entry the gateway set. A remote peer's
    /// header is ignored, so a caller that bypasses the gateway cannot choose its own network.
    /// </summary>
    public static IPAddress? ClientAddress(HttpContext context)
    {
        var peer = context.Connection.RemoteIpAddress;
        if ((peer is null || IPAddress.IsLoopback(peer))
            && context.Request.Headers["X-Forwarded-For"].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .LastOrDefault() is { } forwarded
            && IPAddress.TryParse(forwarded, out var client))
        {
            return client;
        }
        return peer;
    }
}
