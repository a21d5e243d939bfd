using System.Net;

namespace Ipsml.Features.Geo;

/// <summary>
/// City + ASN enrichment of one address. Implementations are thread-safe and never throw for an address
/// the databases do not know: they return <see cref="GeoRecord.Unknown"/> fields instead.
/// </summary>
public interface IGeoLookup : IDisposable
{
    /// <summary>The databases behind this lookup, recorded with every dataset and model.</summary>
    IReadOnlyList<GeoDatabaseInfo> Databases { get; }

    GeoRecord Lookup(IPAddress address);
}
