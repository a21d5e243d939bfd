using System.Net;
using Ipsml.Features.Geo;

namespace Ipsml.Features;

/// <summary>Address + hour → <see cref="RawFeatures"/>, through the geo databases. Used by the dataset stage and the scorer alike.</summary>
public sealed class FeatureEnricher(IGeoLookup geo)
{
    public IReadOnlyList<GeoDatabaseInfo> Databases => geo.Databases;

    public RawFeatures Enrich(IPAddress address, int? hour) => RawFeatures.From(address, hour, geo.Lookup(address));
}
