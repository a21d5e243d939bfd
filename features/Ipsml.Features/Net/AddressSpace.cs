using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Ipsml.Features.Inputs;

namespace Ipsml.Features.Net;

/// <summary>
/// Tells public unicast addresses from special-purpose space, after the IANA IPv4 and IPv6 Special-Purpose
/// Address Registries (RFC 6890 and successors). The table is <see cref="Ranges"/>.
/// <list type="bullet">
/// <item>Blocks the registries mark globally reachable (AS112, AMT, 192.0.0.9/32, 2001:3::/32, 2001:4:112::/48, ...)
/// are left out when they sit outside a listed block, and ignored when inside one (192.0.0.0/24 and 2001::/23 are
/// classified whole).</item>
/// <item>IPv4-mapped IPv6 (::ffff:0:0/96) is classified as the IPv4 address it carries.</item>
/// <item>The NAT64 prefix 64:ff9b::/96 is Reserved: the registry calls it globally reachable, but such an address
/// is a translation of an IPv4 address and says nothing about the IPv6 Internet.</item>
/// <item>IPv6 outside global unicast 2000::/3 that no more specific row covers is Bogon (e.g. ::/96, fec0::/10, 5f00::/16).</item>
/// <item>6to4 (2002::/16) and Teredo-free 2000::/3 space are public.</item>
/// </list>
/// </summary>
public static class AddressSpace
{
    private static readonly Entry[] Table = BuildTable();

    // Most specific first: the first entry that contains an address is its reason.
    private static readonly Entry[] BySpecificity = [.. Table.OrderByDescending(e => e.Prefix)];

    /// <summary>The special-purpose table, IPv4 then IPv6, in address order.</summary>
    public static IReadOnlyList<SpecialRange> Ranges { get; } = [.. Table.Select(e => e.Range)];

    /// <summary>Null for a public unicast address; otherwise why it is not one (the most specific block's reason).</summary>
    public static DropReason? Classify(IPAddress address) => Find(address)?.Reason;

    /// <summary>The most specific special block holding the address, or null for a public unicast address.</summary>
    public static SpecialRange? Find(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var (v4, value) = ToNumber(IpParsing.Normalize(address));
        foreach (var e in BySpecificity)
        {
            if (e.V4 == v4 && (value & e.Mask) == e.Start)
            {
                return e.Range;
            }
        }

        return null;
    }

    /// <summary>
    /// Null when the whole network is public unicast space. A network that overlaps special space is refused whole,
    /// with the most specific reason: when special blocks contain the network, the innermost of them (10.1.0.0/16 →
    /// Private; 0.0.0.0/8 → Reserved, not the Unspecified 0.0.0.0/32 inside it); otherwise, of the special blocks
    /// inside the network, the largest, the lowest address first on a tie (224.0.0.0/3 → Multicast, from 224.0.0.0/4).
    /// An IPv4-mapped IPv6 network of /96 or longer is classified as its IPv4 network.
    /// </summary>
    public static DropReason? ClassifyNetwork(IPNetwork network) => FindForNetwork(network)?.Reason;

    /// <summary>The special block that decides <see cref="ClassifyNetwork"/>, or null when the network is all public.</summary>
    public static SpecialRange? FindForNetwork(IPNetwork network)
    {
        var baseAddress = network.BaseAddress;
        var length = network.PrefixLength;
        if (baseAddress.IsIPv4MappedToIPv6 && length >= 96)
        {
            baseAddress = baseAddress.MapToIPv4();
            length -= 96;
        }

        var (v4, start) = ToNumber(baseAddress);
        var mask = Mask(v4, length);
        start &= mask;

        Entry? containing = null;
        Entry? contained = null;
        foreach (var e in Table)
        {
            if (e.V4 != v4)
            {
                continue;
            }

            if (e.Prefix <= length)
            {
                if ((start & e.Mask) == e.Start && (containing is null || e.Prefix > containing.Value.Prefix))
                {
                    containing = e;
                }
            }
            else if ((e.Start & mask) == start && (contained is null || e.Prefix < contained.Value.Prefix))
            {
                contained = e;
            }
        }

        return (containing ?? contained)?.Range;
    }

    /// <summary>
    /// A record whose address or network is special space, as a drop with that reason (detail names the block);
    /// any other record unchanged. For the observation stage: readers themselves keep every well-formed address.
    /// </summary>
    public static FeedItem Screen(FeedRecord record)
    {
        var range = record.Address is { } a ? Find(a) : record.Network is { } n ? FindForNetwork(n) : null;
        if (range is null)
        {
            return FeedItem.Of(record);
        }

        var what = record.Address?.ToString() ?? record.Network?.ToString();
        return FeedItem.Dropped(record.Line, range.Reason, $"{what} is in {range.Network} {range.Name}");
    }

    private static (bool V4, UInt128 Value) ToNumber(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        return address.AddressFamily == AddressFamily.InterNetwork
            ? (true, BinaryPrimitives.ReadUInt32BigEndian(bytes))
            : (false, BinaryPrimitives.ReadUInt128BigEndian(bytes));
    }

    private static UInt128 Mask(bool v4, int length) => length == 0
        ? UInt128.Zero
        : v4 ? (UInt128)(uint.MaxValue << (32 - length)) : UInt128.MaxValue << (128 - length);

    private static Entry[] BuildTable()
    {
        (string Cidr, DropReason Reason, string Name)[] rows =
        [
            ("0.0.0.0/8", DropReason.Reserved, "\"This network\" (RFC 791)"),
            ("0.0.0.0/32", DropReason.Unspecified, "\"This host on this network\" (RFC 1122)"),
            ("10.0.0.0/8", DropReason.Private, "Private-Use (RFC 1918)"),
            ("100.64.0.0/10", DropReason.SharedAddressSpace, "Shared Address Space (RFC 6598)"),
            ("127.0.0.0/8", DropReason.Loopback, "Loopback (RFC 1122)"),
            ("169.254.0.0/16", DropReason.LinkLocal, "Link Local (RFC 3927)"),
            ("172.16.0.0/12", DropReason.Private, "Private-Use (RFC 1918)"),
            ("192.0.0.0/24", DropReason.Reserved, "IETF Protocol Assignments (RFC 6890)"),
            ("192.0.2.0/24", DropReason.Documentation, "Documentation TEST-NET-1 (RFC 5737)"),
            ("192.88.99.0/24", DropReason.Reserved, "Deprecated 6to4 Relay Anycast (RFC 7526)"),
            ("192.168.0.0/16", DropReason.Private, "Private-Use (RFC 1918)"),
            ("198.18.0.0/15", DropReason.Reserved, "Benchmarking (RFC 2544)"),
            ("198.51.100.0/24", DropReason.Documentation, "Documentation TEST-NET-2 (RFC 5737)"),
            ("203.0.113.0/24", DropReason.Documentation, "Documentation TEST-NET-3 (RFC 5737)"),
            ("224.0.0.0/4", DropReason.Multicast, "Multicast (RFC 5771)"),
            ("240.0.0.0/4", DropReason.Reserved, "Reserved (RFC 1112)"),
            ("255.255.255.255/32", DropReason.Reserved, "Limited Broadcast (RFC 919)"),

            ("::/3", DropReason.Bogon, "Outside global unicast 2000::/3 (RFC 4291)"),
            ("::/128", DropReason.Unspecified, "Unspecified Address (RFC 4291)"),
            ("::1/128", DropReason.Loopback, "Loopback Address (RFC 4291)"),
            ("64:ff9b::/96", DropReason.Reserved, "IPv4-IPv6 Translation, NAT64 (RFC 6052)"),
            ("64:ff9b:1::/48", DropReason.Private, "IPv4-IPv6 Translation, local use (RFC 8215)"),
            ("100::/64", DropReason.Reserved, "Discard-Only Address Block (RFC 6666)"),
            ("2001::/23", DropReason.Reserved, "IETF Protocol Assignments (RFC 2928)"),
            ("2001:db8::/32", DropReason.Documentation, "Documentation (RFC 3849)"),
            ("3fff::/20", DropReason.Documentation, "Documentation (RFC 9637)"),
            ("4000::/2", DropReason.Bogon, "Outside global unicast 2000::/3 (RFC 4291)"),
            ("8000::/1", DropReason.Bogon, "Outside global unicast 2000::/3 (RFC 4291)"),
            ("fc00::/7", DropReason.Private, "Unique-Local (RFC 4193)"),
            ("fe80::/10", DropReason.LinkLocal, "Link-Local Unicast (RFC 4291)"),
            ("ff00::/8", DropReason.Multicast, "Multicast (RFC 4291)"),
        ];

        return
        [
            .. rows.Select(r =>
            {
                var network = IPNetwork.Parse(r.Cidr);
                var (v4, start) = ToNumber(network.BaseAddress);
                return new Entry(v4, start, Mask(v4, network.PrefixLength), network.PrefixLength, new SpecialRange(network, r.Reason, r.Name));
            }),
        ];
    }

    private readonly record struct Entry(bool V4, UInt128 Start, UInt128 Mask, int Prefix, SpecialRange Range);
}
