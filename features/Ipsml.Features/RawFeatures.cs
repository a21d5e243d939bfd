using System.Net;
using System.Net.Sockets;
using Ipsml.Features.Geo;

namespace Ipsml.Features;

/// <summary>
/// A connection enriched but not yet encoded: the address, the hour it was seen and what the geo databases say.
/// Datasets store these (so vocabularies can be refitted); <see cref="FeatureEncoder"/> turns them into <see cref="FeatureRow"/>s.
/// </summary>
public sealed record RawFeatures(
    IPAddress Address,
    int? Hour,
    double? Latitude,
    double? Longitude,
    string? TimeZone,
    string? CountryCode,
    long? Asn)
{
    public static RawFeatures From(IPAddress address, int? hour, GeoRecord geo)
    {
        if (hour is < 0 or > 23)
        {
            throw new ArgumentOutOfRangeException(nameof(hour), hour, "hour must be 0..23");
        }

        return new RawFeatures(address, hour, geo.Latitude, geo.Longitude, geo.TimeZone, geo.CountryCode, geo.Asn);
    }

    /// <summary>The IPv4 /24 prefix as a number (address >> 8); 0 for IPv6.</summary>
    public uint Ipv4Prefix
    {
        get
        {
            if (Address.AddressFamily != AddressFamily.InterNetwork)
            {
                return 0;
            }

            Span<byte> b = stackalloc byte[4];
            Address.TryWriteBytes(b, out _);
            return ((uint)b[0] << 16) | ((uint)b[1] << 8) | b[2];
        }
    }
}
