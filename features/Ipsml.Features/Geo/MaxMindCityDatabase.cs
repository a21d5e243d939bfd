using System.Net;

namespace Ipsml.Features.Geo;

/// <summary>
/// A GeoIP2/GeoLite2 City database (.mmdb, memory-mapped): latitude, longitude, time zone and ISO country code.
/// Only those fields are decoded, and answers are cached by the database record's own network, so cached and uncached
/// lookups give the same answers. Thread-safe; unknown addresses (and undecodable records) give <see cref="GeoCity.Unknown"/>.
/// </summary>
public sealed class MaxMindCityDatabase : IGeoCityDatabase
{
    /// <summary>Default size of the network cache: 2^20 slots, 8 MB for IPv4.</summary>
    public const int DefaultCacheSlots = 1 << 20;

    /// <summary>Database types this class reads: GeoIP2/GeoLite2 City and GeoIP2 Enterprise (which holds the City fields).</summary>
    private static readonly string[] AcceptedTypes = ["City", "Enterprise"];

    private readonly MmdbSource<MmdbCityRecord, GeoCity> source;

    private MaxMindCityDatabase(MmdbSource<MmdbCityRecord, GeoCity> source) => this.source = source;

    public GeoDatabaseInfo Info => source.Info;

    public IReadOnlyList<GeoDatabaseInfo> Databases => [source.Info];

    /// <summary>Records the file could not decode (each answered with <see cref="GeoCity.Unknown"/>).</summary>
    public long LookupErrors => source.LookupErrors;

    /// <summary>Opens a City .mmdb.</summary>
    /// <param name="path">The .mmdb file.</param>
    /// <param name="source">Where it was found, recorded in <see cref="GeoDatabaseInfo.Source"/>; default <c>file:PATH</c>.</param>
    /// <param name="cacheSlots">Slots of the network cache (rounded up to a power of two); 0 turns the cache off.</param>
    /// <exception cref="GeoSourceException">The file cannot be opened or is not a City database.</exception>
    public static MaxMindCityDatabase Open(string path, string? source = null, int cacheSlots = DefaultCacheSlots) =>
        Open(path, source, cacheSlots, sha256: null);

    internal static MaxMindCityDatabase Open(string path, string? source, int cacheSlots, string? sha256) =>
        new(MmdbSource<MmdbCityRecord, GeoCity>.Open(
            path,
            GeoRoles.City,
            source ?? GeoRoles.FileSource(path),
            AcceptedTypes,
            static row => row.ToGeoCity(),
            GeoCity.Unknown,
            cacheSlots,
            sha256));

    public GeoCity Lookup(IPAddress address) => source.Lookup(address);

    /// <summary>The answer straight from the file, bypassing the cache.</summary>
    public GeoCity LookupUncached(IPAddress address) => source.LookupUncached(address);

    public void Dispose() => source.Dispose();
}
