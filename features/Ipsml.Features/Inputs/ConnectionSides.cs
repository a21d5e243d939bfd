using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Ipsml.Features.Net;

namespace Ipsml.Features.Inputs;

/// <summary>
/// Which end of a two-ended connection (originator → responder; source → destination) is the remote one.
/// <para>
/// An address is <b>local</b> when it lies in one of the configured local networks, or when it is not public unicast
/// space at all (private, loopback, link-local, unique-local, multicast, reserved, … per <see cref="AddressSpace"/>):
/// private ranges are local by default, and the configured networks add to them (a site with public addresses of its
/// own lists them). The rule:
/// </para>
/// <list type="number">
/// <item>the responder, when it is not local (outbound traffic, and traffic between two non-local ends);</item>
/// <item>else the originator, when it is not local (inbound traffic);</item>
/// <item>else there is no remote end (both ends local): the responder is returned and <see cref="IsLocal"/> says so.</item>
/// </list>
/// With no local networks configured this is the <c>remote=auto</c> rule of the Zeek readers. Thread-safe.
/// </summary>
public sealed class ConnectionSides
{
    private readonly Block[] ipv4;
    private readonly IPNetwork[] ipv6Local;

    public ConnectionSides(IEnumerable<IPNetwork> localNetworks)
    {
        ArgumentNullException.ThrowIfNull(localNetworks);
        LocalNetworks = [.. localNetworks];
        var blocks = new List<Block>();
        foreach (var range in AddressSpace.Ranges)
        {
            if (range.Network.BaseAddress.AddressFamily == AddressFamily.InterNetwork)
            {
                blocks.Add(Block.Of(range.Network, range.Reason.ToString()));
            }
        }

        foreach (var network in LocalNetworks.Where(n => n.BaseAddress.AddressFamily == AddressFamily.InterNetwork))
        {
            blocks.Add(Block.Of(network, LocalReason(network)));
        }

        // Most specific first, so the first block holding an address names why it is local.
        ipv4 = [.. blocks.OrderByDescending(b => b.Prefix)];
        ipv6Local = [.. LocalNetworks.Where(n => n.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6).OrderByDescending(n => n.PrefixLength)];
    }

    /// <summary>No configured networks: only non-public space is local.</summary>
    public static ConnectionSides Default { get; } = new([]);

    /// <summary>The configured local networks (non-public space is local besides these).</summary>
    public IReadOnlyList<IPNetwork> LocalNetworks { get; }

    /// <summary>Networks written as <c>CIDR[,CIDR…]</c> (spaces allowed; a bare address is a /32 or /128).</summary>
    /// <exception cref="ArgumentException">A value is not a network (the message names it).</exception>
    public static ConnectionSides Parse(string? networks)
    {
        if (string.IsNullOrWhiteSpace(networks))
        {
            return Default;
        }

        var list = new List<IPNetwork>();
        foreach (var part in networks.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            list.Add(ParseNetwork(part));
        }

        return new ConnectionSides(list);
    }

    /// <summary>One local network, <c>CIDR</c> or a bare address.</summary>
    /// <exception cref="ArgumentException">Not a network or address.</exception>
    public static IPNetwork ParseNetwork(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        if (text.Contains('/'))
        {
            return IpParsing.TryParseNetwork(text, out var network, out var error)
                ? network
                : throw new ArgumentException($"local network '{text}': {error}", nameof(text));
        }

        return IpParsing.TryParseAddress(text, out var address)
            ? new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128)
            : throw new ArgumentException($"local network '{text}' is neither a CIDR network nor an address", nameof(text));
    }

    /// <summary>Whether the address is local: in a configured network, or not public unicast space.</summary>
    public bool IsLocal(IPAddress address) => WhyLocal(address) is not null;

    /// <summary>
    /// Null when the address is not local; otherwise why it is: the special-purpose block's reason
    /// (<c>Private</c>, <c>Multicast</c>, <c>LinkLocal</c>, …) or <c>Local NETWORK</c> for a configured network.
    /// </summary>
    public string? WhyLocal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> bytes = stackalloc byte[4];
            address.TryWriteBytes(bytes, out _);
            var value = BinaryPrimitives.ReadUInt32BigEndian(bytes);
            foreach (var block in ipv4)
            {
                if ((value & block.Mask) == block.Start)
                {
                    return block.Reason;
                }
            }

            return null;
        }

        foreach (var network in ipv6Local)
        {
            if (network.Contains(address))
            {
                return LocalReason(network);
            }
        }

        return AddressSpace.Classify(address)?.ToString();
    }

    /// <summary>The remote end of a connection by the rule above; the other end is <c>Local</c>.</summary>
    public (IPAddress Remote, IPAddress Local) Choose(IPAddress orig, IPAddress resp)
    {
        ArgumentNullException.ThrowIfNull(orig);
        ArgumentNullException.ThrowIfNull(resp);
        return !IsLocal(resp) || IsLocal(orig) ? (resp, orig) : (orig, resp);
    }

    /// <summary>The networks as <c>CIDR,CIDR</c> (the form <see cref="Parse"/> reads).</summary>
    public override string ToString() => string.Join(",", LocalNetworks.Select(n => n.ToString()));

    private static string LocalReason(IPNetwork network) => "Local " + network.ToString();

    private readonly record struct Block(uint Start, uint Mask, int Prefix, string Reason)
    {
        public static Block Of(IPNetwork network, string reason)
        {
            Span<byte> bytes = stackalloc byte[4];
            network.BaseAddress.TryWriteBytes(bytes, out _);
            var mask = network.PrefixLength == 0 ? 0u : uint.MaxValue << (32 - network.PrefixLength);
            return new Block(BinaryPrimitives.ReadUInt32BigEndian(bytes) & mask, mask, network.PrefixLength, reason);
        }
    }
}
