using System.Net;

namespace Ipsml.Features.Geo;

/// <summary>
/// City + ASN enrichment from two databases (see <see cref="GeoSources.Resolve"/> for where they come from).
/// Thread-safe; unknown addresses give null fields, never an exception. Disposing disposes both databases.
/// </summary>
public sealed class GeoLookup(IGeoCityDatabase city, IGeoAsnDatabase asn) : IGeoLookup
{
    public IGeoCityDatabase City { get; } = city;

    public IGeoAsnDatabase Asn { get; } = asn;

    /// <summary>The city database file(s), then the ASN database file(s).</summary>
    public IReadOnlyList<GeoDatabaseInfo> Databases { get; } = [.. city.Databases, .. asn.Databases];

    public GeoRecord Lookup(IPAddress address)
    {
        var place = City.Lookup(address);
        var network = Asn.Lookup(address);
        return new GeoRecord(place.Latitude, place.Longitude, place.TimeZone, place.CountryCode, network.Number, network.Organization);
    }

    public void Dispose()
    {
        City.Dispose();
        Asn.Dispose();
    }
}
