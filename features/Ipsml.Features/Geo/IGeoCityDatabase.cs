using System.Net;

namespace Ipsml.Features.Geo;

/// <summary>A city database (latitude, longitude, time zone, country). Thread-safe; never throws for an address.</summary>
public interface IGeoCityDatabase : IDisposable
{
    /// <summary>The file(s) behind this database.</summary>
    IReadOnlyList<GeoDatabaseInfo> Databases { get; }

    GeoCity Lookup(IPAddress address);
}
