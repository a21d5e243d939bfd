using System.Net;
using System.Net.Sockets;
using System.Numerics;
using System.Text.Json;

namespace Ipsml.Features.Tests.Geo;

/// <summary>One network of a MaxMind test-data source JSON, with IPv4-compatible IPv6 (<c>::a.b.c.d/p</c>) turned into IPv4.</summary>
internal sealed record SourceNetwork(string Cidr, IPAddress First, IPAddress Last, int PrefixLength, JsonElement Record)
{
    public bool IsIpv4 => First.AddressFamily == AddressFamily.InterNetwork;

    public string? Text(params string[] path) => Find(path) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public double? Number(params string[] path) => Find(path) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : null;

    public long? Integer(params string[] path) => Find(path) is { ValueKind: JsonValueKind.Number } value ? value.GetInt64() : null;

    /// <summary>Every address of the network (only for small ones).</summary>
    public IEnumerable<IPAddress> Addresses()
    {
        var size = 1L << ((IsIpv4 ? 32 : 128) - PrefixLength);
        if (size > 4096)
        {
            throw new InvalidOperationException($"{Cidr} has {size} addresses; enumerate small networks only.");
        }

        var first = new BigInteger(First.GetAddressBytes(), isUnsigned: true, isBigEndian: true);
        for (var i = 0L; i < size; i++)
        {
            yield return ToAddress(first + i, IsIpv4);
        }
    }

    public bool Contains(IPAddress address)
    {
        if (address.AddressFamily != First.AddressFamily)
        {
            return false;
        }

        var value = ToNumber(address);
        return value >= ToNumber(First) && value <= ToNumber(Last);
    }

    public static BigInteger ToNumber(IPAddress address) => new(address.GetAddressBytes(), isUnsigned: true, isBigEndian: true);

    public static IPAddress ToAddress(BigInteger value, bool ipv4)
    {
        var bytes = new byte[ipv4 ? 4 : 16];
        var raw = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        raw.CopyTo(bytes, bytes.Length - raw.Length);
        return new IPAddress(bytes);
    }

    private JsonElement? Find(string[] path)
    {
        var current = Record;
        foreach (var key in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(key, out current))
            {
                return null;
            }
        }

        return current;
    }
}

/// <summary>Reads the source JSON the MaxMind test databases were built from: an array of one-key objects <c>{"CIDR": record}</c>.</summary>
internal static class MaxMindSourceJson
{
    public static IReadOnlyList<SourceNetwork> Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var networks = new List<SourceNetwork>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            foreach (var property in item.EnumerateObject())
            {
                networks.Add(Parse(property.Name, property.Value.Clone()));
            }
        }

        return networks;
    }

    private static SourceNetwork Parse(string cidr, JsonElement record)
    {
        var slash = cidr.IndexOf('/');
        var address = IPAddress.Parse(cidr[..slash]);
        var prefix = int.Parse(cidr[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var value = SourceNetwork.ToNumber(address);
        var ipv4 = address.AddressFamily == AddressFamily.InterNetwork;
        if (!ipv4 && prefix >= 96 && value >> 32 == 0)
        {
            // MaxMind's test data writes most IPv4 networks as IPv4-compatible IPv6; the database serves them as IPv4.
            (ipv4, prefix) = (true, prefix - 96);
        }

        var bits = ipv4 ? 32 : 128;
        var hostMask = (BigInteger.One << (bits - prefix)) - 1;
        var first = value & ~hostMask & ((BigInteger.One << bits) - 1);
        return new SourceNetwork(cidr, SourceNetwork.ToAddress(first, ipv4), SourceNetwork.ToAddress(first | hostMask, ipv4), prefix, record);
    }
}
