using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Ipsml.Features.Geo;

/// <summary>Addresses as numbers, the form the range tables and the network cache work in.</summary>
internal static class IpAddressBits
{
    /// <summary>
    /// An IPv4-mapped IPv6 address (<c>::ffff:a.b.c.d</c>) becomes the IPv4 address it carries; everything else is returned as is.
    /// The databases answer both forms alike, so lookups and caches see one form only.
    /// </summary>
    public static IPAddress Normalize(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 && address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>The address as a big-endian number when it is IPv4 (after <see cref="Normalize"/>).</summary>
    public static bool TryGetIpv4(IPAddress address, out uint value)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            value = 0;
            return false;
        }

        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        value = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        return true;
    }

    /// <summary>The address as a big-endian number when it is IPv6.</summary>
    public static bool TryGetIpv6(IPAddress address, out UInt128 value)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            value = 0;
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        value = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        return true;
    }

    public static IPAddress FromIpv4(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return new IPAddress(bytes);
    }

    public static IPAddress FromIpv6(UInt128 value)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return new IPAddress(bytes);
    }

    /// <summary>Network mask of <paramref name="prefixLength"/> leading one bits (0..32).</summary>
    public static uint Ipv4Mask(int prefixLength) => prefixLength == 0 ? 0u : uint.MaxValue << (32 - prefixLength);

    /// <summary>Network mask of <paramref name="prefixLength"/> leading one bits (0..128).</summary>
    public static UInt128 Ipv6Mask(int prefixLength) => prefixLength == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - prefixLength);
}
