using System.Net;

namespace Ipsml.Features.Geo;

/// <summary>
/// A GeoLite2-ASN (or GeoIP2-ISP) database (.mmdb, memory-mapped): AS number and organisation. Answers are cached by
/// the database record's own network. Thread-safe; unknown addresses give <see cref="GeoAsn.Unknown"/>.
/// </summary>
public sealed class MaxMindAsnDatabase : IGeoAsnDatabase
{
    private static readonly string[] AcceptedTypes = ["ASN", "ISP"];

    private readonly MmdbSource<MmdbAsnRecord, GeoAsn> source;

    private MaxMindAsnDatabase(MmdbSource<MmdbAsnRecord, GeoAsn> source) => this.source = source;

    public GeoDatabaseInfo Info => source.Info;

    public IReadOnlyList<GeoDatabaseInfo> Databases => [source.Info];

    /// <summary>Records the file could not decode (each answered with <see cref="GeoAsn.Unknown"/>).</summary>
    public long LookupErrors => source.LookupErrors;

    /// <summary>Opens an ASN or ISP .mmdb.</summary>
    /// <param name="path">The .mmdb file.</param>
    /// <param name="source">Where it was found, recorded in <see cref="GeoDatabaseInfo.Source"/>; default <c>file:PATH</c>.</param>
    /// <param name="cacheSlots">Slots of the network cache (rounded up to a power of two); 0 turns the cache off.</param>
    /// <exception cref="GeoSourceException">The file cannot be opened or is not an ASN/ISP database.</exception>
    public static MaxMindAsnDatabase Open(string path, string? source = null, int cacheSlots = MaxMindCityDatabase.DefaultCacheSlots) =>
        Open(path, source, cacheSlots, sha256: null);

    internal static MaxMindAsnDatabase Open(string path, string? source, int cacheSlots, string? sha256) =>
        new(MmdbSource<MmdbAsnRecord, GeoAsn>.Open(
            path,
            GeoRoles.Asn,
            source ?? GeoRoles.FileSource(path),
            AcceptedTypes,
            static row => row.ToGeoAsn(),
            GeoAsn.Unknown,
            cacheSlots,
            sha256));

    public GeoAsn Lookup(IPAddress address) => source.Lookup(address);

    /// <summary>The answer straight from the file, bypassing the cache.</summary>
    public GeoAsn LookupUncached(IPAddress address) => source.LookupUncached(address);

    public void Dispose() => source.Dispose();
}
