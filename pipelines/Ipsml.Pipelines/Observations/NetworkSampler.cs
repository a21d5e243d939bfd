using System.Net;
using System.Net.Sockets;
using Ipsml.Features;

namespace Ipsml.Pipelines.Observations;

/// <summary>
/// Draws addresses from a network, deterministically for a seed: all usable addresses of a network no larger
/// than the sample, else <c>count</c> distinct addresses at seeded offsets. IPv4 networks of /30 and shorter skip
/// their network and broadcast addresses.
/// </summary>
public static class NetworkSampler
{
    public static IReadOnlyList<IPAddress> Sample(IPNetwork network, int count, int seed)
    {
        var bits = network.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var hostBits = bits - network.PrefixLength;
        var baseValue = ToNumber(network.BaseAddress);
        UInt128 size = hostBits >= 128 ? UInt128.MaxValue : UInt128.One << hostBits;
        UInt128 first = 0;
        var usable = size;
        if (bits == 32 && network.PrefixLength <= 30)
        {
            first = 1;
            usable = size - 2;
        }

        var result = new List<IPAddress>();
        if (usable <= (UInt128)count)
        {
            for (UInt128 o = 0; o < usable; o++)
            {
                result.Add(FromNumber(baseValue + first + o, bits));
            }

            return result;
        }

        var taken = new HashSet<UInt128>();
        for (var i = 0; taken.Count < count; i++)
        {
            var h = ((UInt128)Hashing.Seeded(seed, $"{network}#{i}") << 64) | Hashing.Seeded(seed, $"{network}##{i}");
            var offset = first + (h % usable);
            if (taken.Add(offset))
            {
                result.Add(FromNumber(baseValue + offset, bits));
            }
        }

        result.Sort((a, b) => ToNumber(a).CompareTo(ToNumber(b)));
        return result;
    }

    private static UInt128 ToNumber(IPAddress address)
    {
        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out var n);
        UInt128 v = 0;
        for (var i = 0; i < n; i++)
        {
            v = (v << 8) | b[i];
        }

        return v;
    }

    private static IPAddress FromNumber(UInt128 value, int bits)
    {
        var bytes = new byte[bits / 8];
        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            bytes[i] = (byte)(value & 0xff);
            value >>= 8;
        }

        return new IPAddress(bytes);
    }
}
