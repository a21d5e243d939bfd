using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace Ipsml.Features.Net;

/// <summary>
/// Strict parsing of addresses and CIDR networks as feeds write them. IPv4 must be a dotted quad of decimal
/// octets (leading zeros are read as decimal, never octal; the shorthand forms <see cref="IPAddress.TryParse(string?, out IPAddress?)"/>
/// accepts, such as "7.42" or "0x7f.1", are rejected). IPv6 must be plain text without brackets or a scope id.
/// IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) come back as IPv4, everywhere.
/// </summary>
public static class IpParsing
{
    /// <summary>Parses one address; false for anything that is not exactly an address.</summary>
    public static bool TryParseAddress(ReadOnlySpan<char> text, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (text.IsEmpty || text.Length > 45)
        {
            return false;
        }

        if (text.Contains(':'))
        {
            foreach (var c in text)
            {
                if (!(char.IsAsciiHexDigit(c) || c == ':' || c == '.'))
                {
                    return false;
                }
            }

            if (!IPAddress.TryParse(text, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            address = Normalize(v6);
            return true;
        }

        if (!TryParseIPv4(text, out var value))
        {
            return false;
        }

        address = FromUInt32(value);
        return true;
    }

    /// <summary>Parses a dotted-quad IPv4 address into its 32-bit value (most significant octet first).</summary>
    public static bool TryParseIPv4(ReadOnlySpan<char> text, out uint value)
    {
        value = 0;
        var octets = 0;
        var digits = 0;
        uint octet = 0;
        foreach (var c in text)
        {
            if (c == '.')
            {
                if (digits == 0 || octets == 3)
                {
                    return false;
                }

                value = (value << 8) | octet;
                octets++;
                octet = 0;
                digits = 0;
            }
            else if (char.IsAsciiDigit(c))
            {
                if (++digits > 3)
                {
                    return false;
                }

                octet = (octet * 10) + (uint)(c - '0');
                if (octet > 255)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }

        if (digits == 0 || octets != 3)
        {
            return false;
        }

        value = (value << 8) | octet;
        return true;
    }

    /// <summary>
    /// Parses "address/prefix". The prefix must be 0..32 (IPv4) or 0..128 (IPv6) and the address must have no host
    /// bits set (1.2.3.4/24 is refused rather than silently widened). An IPv4-mapped IPv6 network of /96 or longer
    /// comes back as the IPv4 network.
    /// </summary>
    public static bool TryParseNetwork(ReadOnlySpan<char> text, out IPNetwork network) => TryParseNetwork(text, out network, out _);

    /// <summary>As <see cref="TryParseNetwork(ReadOnlySpan{char}, out IPNetwork)"/>, with a short reason on failure.</summary>
    public static bool TryParseNetwork(ReadOnlySpan<char> text, out IPNetwork network, [NotNullWhen(false)] out string? error)
    {
        network = default;
        var slash = text.IndexOf('/');
        if (slash < 0)
        {
            error = "no prefix length";
            return false;
        }

        var lengthText = text[(slash + 1)..];
        if (lengthText.IsEmpty || lengthText.Length > 3)
        {
            error = "bad prefix length";
            return false;
        }

        var length = 0;
        foreach (var c in lengthText)
        {
            if (!char.IsAsciiDigit(c))
            {
                error = "bad prefix length";
                return false;
            }

            length = (length * 10) + (c - '0');
        }

        ReadOnlySpan<char> addressText = text[..slash];
        IPAddress? address;
        bool mapped;
        if (addressText.Contains(':'))
        {
            // Parse without the IPv4 normalisation first, so a mapped network keeps its IPv6 prefix length.
            foreach (var c in addressText)
            {
                if (!(char.IsAsciiHexDigit(c) || c == ':' || c == '.'))
                {
                    error = "bad address";
                    return false;
                }
            }

            if (addressText.Length > 45 || !IPAddress.TryParse(addressText, out address) || address.AddressFamily != AddressFamily.InterNetworkV6)
            {
                error = "bad address";
                return false;
            }

            mapped = address.IsIPv4MappedToIPv6;
        }
        else
        {
            if (!TryParseIPv4(addressText, out var v4))
            {
                error = "bad address";
                return false;
            }

            address = FromUInt32(v4);
            mapped = false;
        }

        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (length > bits)
        {
            error = "prefix length too long";
            return false;
        }

        if (HasHostBits(address, length))
        {
            error = "host bits set";
            return false;
        }

        if (mapped && length >= 96)
        {
            address = address.MapToIPv4();
            length -= 96;
        }

        network = new IPNetwork(address, length);
        error = null;
        return true;
    }

    /// <summary>The IPv4 address of a 32-bit value (most significant octet first), as marx writes its sources.</summary>
    public static IPAddress FromUInt32(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return new IPAddress(bytes);
    }

    /// <summary>The 32-bit value of an IPv4 address (most significant octet first).</summary>
    public static uint ToUInt32(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException("not an IPv4 address", nameof(address));
        }

        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    /// <summary>An IPv4-mapped IPv6 address as IPv4; any other address unchanged.</summary>
    public static IPAddress Normalize(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static bool HasHostBits(IPAddress address, int length)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var count);
        for (var i = 0; i < count; i++)
        {
            var keep = Math.Clamp(length - (i * 8), 0, 8);
            var hostMask = (byte)(0xFF >> keep);
            if ((bytes[i] & hostMask) != 0)
            {
                return true;
            }
        }

        return false;
    }
}
