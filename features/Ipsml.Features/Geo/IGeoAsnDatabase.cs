using System.Net;

namespace Ipsml.Features.Geo;

/// <summary>An address-to-ASN database. Thread-safe; never throws for an address.</summary>
public interface IGeoAsnDatabase : IDisposable
{
    /// <summary>The file(s) behind this database.</summary>
    IReadOnlyList<GeoDatabaseInfo> Databases { get; }

    GeoAsn Lookup(IPAddress address);
}
