using System.Net;
using System.Net.Sockets;

namespace Ipsml.Features.Net;

/// <summary>
/// The network group an address belongs to, for group-wise splits and de-duplication: the /24 for IPv4 and the
/// /48 for IPv6 (the usual smallest routed and assigned blocks). IPv4-mapped IPv6 addresses are grouped as IPv4.
/// </summary>
public static class IpGroups
{
    /// <summary>The group key in CIDR notation, e.g. "81.2.69.0/24" or "2001:db8:1::/48".</summary>
    public static string Key(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var a = IpParsing.Normalize(address);
        Span<byte> bytes = stackalloc byte[16];
        a.TryWriteBytes(bytes, out var count);
        if (a.AddressFamily == AddressFamily.InterNetwork)
        {
            return $"{bytes[0]}.{bytes[1]}.{bytes[2]}.0/24";
        }

        bytes[6..count].Clear();
        return new IPAddress(bytes[..count]) + "/48";
    }
}
